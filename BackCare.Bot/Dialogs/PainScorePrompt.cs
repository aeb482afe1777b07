using BackCare.Bot.Understanding;
using BackCare.Dialogs;
using BackCare.Dialogs.Choices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace BackCare.Bot.Dialogs;

/// <summary>
/// Asks for a pain score from 0 to 10 and understands numbers and words ("4", "seven out of ten", "mild").
/// Unclear answers get an example, then buttons.
/// </summary>
public sealed class PainScorePrompt() : Prompt<int>(nameof(PainScorePrompt))
{
    private static readonly List<Choice> Bands = [new("Mild (1 to 3)"), new("Moderate (4 to 6)"), new("Severe (7 or more)")];

    /// <inheritdoc/>
    protected override Task OnPromptAsync(ITurnContext turnContext, IDictionary<string, object> state, PromptOptions options, bool isRetry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        var question = options.Prompt!.Text;
        var activity = (isRetry, state.GetValue<int>(AttemptCountKey)) switch
        {
            (false, _) => MessageFactory.Text(question),
            (true, <= 1) => MessageFactory.Text($"Sorry, I didn't quite get that. A number from 0 (no pain) to 10 (the worst you can imagine) is best, for example \"4\" or \"seven out of ten\".\n\n{question}"),
            _ => ChoiceFactory.ForChannel(turnContext.Activity.ChannelId, Bands, $"Let's make it easier: pick the closest, or type a number from 0 to 10.\n\n{question}"),
        };
        activity.InputHint = InputHints.ExpectingInput;
        return turnContext.SendActivityAsync(activity, cancellationToken);
    }

    /// <inheritdoc/>
    protected override Task<PromptRecognizerResult<int>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object> state, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var score = SeverityReader.Read(turnContext.Activity.Text);
        return Task.FromResult(new PromptRecognizerResult<int> { Succeeded = score is not null, Value = score ?? 0 });
    }
}
