using BackCare.Bot.Bots;
using BackCare.Bot.Cards;
using BackCare.Dialogs;
using Microsoft.Bot.Builder;

namespace BackCare.Bot.Dialogs;

/// <summary>
/// Shows the current page of the routine as a card and takes what the person says or taps next. The card is made
/// each time it is shown, from where the person is (<see cref="ConversationData.Routine"/>), and never kept in the
/// prompt's state: dialog state holds only the note said before the page, so a card shown again (after "help", say)
/// is the same fresh card, with nothing of the stored state's type names in it.
/// </summary>
/// <param name="conversationData">The conversation data.</param>
/// <param name="cards">The cards.</param>
public sealed class RoutinePagePrompt(IStatePropertyAccessor<ConversationData> conversationData, CardSet cards) : TextPrompt(DialogId)
{
    /// <summary>The prompt's id: the id the routine's step prompt had before, so conversations stored mid-routine go on.</summary>
    public const string DialogId = "routineStep";

    /// <summary>Marks options made by <see cref="OptionsFor"/> (older stored options held the whole page).</summary>
    private const string NoteOnly = "note";

    /// <summary>The options that show the current page, with a note before it.</summary>
    /// <param name="note">The note, or <c>null</c>.</param>
    /// <returns>The options.</returns>
    public static PromptOptions OptionsFor(string? note) => new() { Prompt = MessageFactory.Text(note ?? string.Empty), Validations = NoteOnly };

    /// <inheritdoc/>
    protected override async Task OnPromptAsync(ITurnContext turnContext, IDictionary<string, object> state, PromptOptions options, bool isRetry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var data = await conversationData.GetAsync(turnContext, () => new ConversationData(), cancellationToken);
        var progress = data.Routine ?? throw new InvalidOperationException("The routine's progress is missing from the conversation data.");
        var note = StateValues.As<string>(options.Validations) == NoteOnly ? options.Prompt?.Text : null;
        var page = cards.StepPage(progress, note, turnContext.Activity.ChannelId);
        page.InputHint = Microsoft.Bot.Schema.InputHints.ExpectingInput;
        await turnContext.SendActivityAsync(page, cancellationToken);
    }
}
