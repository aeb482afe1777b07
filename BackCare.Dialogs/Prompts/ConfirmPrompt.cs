using BackCare.Dialogs.Choices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace BackCare.Dialogs;

/// <summary>
/// Asks a yes/no question, with Yes and No buttons by default, and understands natural answers
/// ("yeah", "sure", "nope", "not really"), the buttons' words, and "1" / "2" for the buttons' positions.
/// </summary>
/// <param name="dialogId">The prompt's id.</param>
/// <param name="validator">An optional validator.</param>
public class ConfirmPrompt(string dialogId, PromptValidator<bool>? validator = null) : Prompt<bool>(dialogId, validator)
{
    /// <summary>Gets or sets the two choices shown, yes first; "Yes" and "No" by default.</summary>
    public (Choice Yes, Choice No) ConfirmChoices { get; set; } = (new Choice("Yes"), new Choice("No"));

    /// <inheritdoc/>
    protected override Task OnPromptAsync(ITurnContext turnContext, IDictionary<string, object> state, PromptOptions options, bool isRetry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var question = isRetry && options.RetryPrompt is not null ? options.RetryPrompt : options.Prompt!;
        var activity = AppendChoices(question, turnContext.Activity.ChannelId, [ConfirmChoices.Yes, ConfirmChoices.No], options.Style ?? Style);
        return turnContext.SendActivityAsync(activity, cancellationToken);
    }

    /// <inheritdoc/>
    protected override Task<PromptRecognizerResult<bool>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object> state, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var text = turnContext.Activity.Type == ActivityTypes.Message ? turnContext.Activity.Text : null;
        var result = new PromptRecognizerResult<bool>();
        var answer = YesNo.Read(text);
        if (answer is null)
        {
            // The buttons' own words or positions ("1", "the second one").
            var found = ChoiceRecognizers.RecognizeChoice(text, [ConfirmChoices.Yes, ConfirmChoices.No], turnContext.Activity.Locale);
            answer = found is null ? null : found.Index == 0;
        }

        if (answer is bool value)
        {
            result.Succeeded = true;
            result.Value = value;
        }

        return Task.FromResult(result);
    }
}
