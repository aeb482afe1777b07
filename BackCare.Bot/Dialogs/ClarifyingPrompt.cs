using BackCare.Bot.Cards;
using BackCare.Bot.Content;
using BackCare.Dialogs;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace BackCare.Bot.Dialogs;

/// <summary>
/// A prompt that never guesses: an unclear answer is asked again once with an example, then offered as
/// buttons (while typed answers still work). Subclasses say what the question is and how to read a reply.
/// </summary>
/// <typeparam name="T">The type of the value.</typeparam>
/// <param name="dialogId">The prompt's id.</param>
/// <param name="text">The bot's words around the question.</param>
/// <param name="cards">The cards, for answers that do not fit a channel's suggested actions.</param>
public abstract class ClarifyingPrompt<T>(string dialogId, BotText text, CardSet cards) : Prompt<T>(dialogId)
{
    /// <summary>Gets the bot's words around the question.</summary>
    protected BotText Text => text;

    /// <summary>What the prompt asks, as shown to the person.</summary>
    /// <param name="Text">The question.</param>
    /// <param name="Example">An example answer, for the first retry.</param>
    /// <param name="Buttons">Quick answers.</param>
    /// <param name="ButtonsFirst">Whether the buttons show from the start (yes/no-like questions), or only after two unclear answers.</param>
    /// <param name="Step">The step a card's buttons belong to, so a tap on an old card is not taken for this answer.</param>
    /// <param name="PainScale">Whether the quick answers are the pain scale, 0 to 10, shown from the start.</param>
    protected sealed record Question(string Text, string Example, IReadOnlyList<string> Buttons, bool ButtonsFirst, string Step, bool PainScale = false);

    /// <summary>Describes the question these options ask.</summary>
    /// <param name="options">The prompt's options.</param>
    /// <returns>The question.</returns>
    protected abstract Question Describe(PromptOptions options);

    /// <summary>Reads a reply, or returns <c>null</c> when it is unclear.</summary>
    /// <param name="text">What the person typed.</param>
    /// <param name="options">The prompt's options.</param>
    /// <returns>The value, or <c>null</c>.</returns>
    protected abstract T? Read(string? text, PromptOptions options);

    /// <inheritdoc/>
    protected sealed override Task OnPromptAsync(ITurnContext turnContext, IDictionary<string, object> state, PromptOptions options, bool isRetry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        var question = Describe(options);
        var channel = turnContext.Activity.ChannelId;
        Microsoft.Bot.Schema.Activity Ask(string words) => question.PainScale
            ? cards.PainQuestion(channel, words, question.Step)
            : cards.Choices(channel, question.Buttons, words, question.Step);
        var activity = (isRetry, state.GetValue<int>(AttemptCountKey)) switch
        {
            (false, _) when question.ButtonsFirst || question.PainScale => Ask(question.Text),
            (false, _) => MessageFactory.Text(question.Text),
            (true, <= 1) when question.ButtonsFirst || question.PainScale => Ask(text.Format("notUnderstood", ("example", question.Example), ("question", question.Text))),
            (true, <= 1) => MessageFactory.Text(text.Format("notUnderstood", ("example", question.Example), ("question", question.Text))),
            _ => Ask(text.Format("pickClosest", ("question", question.Text))),
        };
        activity.InputHint = InputHints.ExpectingInput;
        return turnContext.SendActivityAsync(activity, cancellationToken);
    }

    /// <inheritdoc/>
    protected sealed override Task<PromptRecognizerResult<T>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object> state, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var value = Read(turnContext.Activity.Text, options);
        return Task.FromResult(new PromptRecognizerResult<T> { Succeeded = value is not null, Value = value });
    }
}
