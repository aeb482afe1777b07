using BackCare.Dialogs.Choices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace BackCare.Dialogs;

/// <summary>
/// Offers a list of choices (<see cref="PromptOptions.Choices"/>) and recognises the one picked: by its words,
/// exactly or in part, in any case, or by position ("2", "the second one"). Ends with a <see cref="FoundChoice"/>.
/// </summary>
/// <param name="dialogId">The prompt's id.</param>
/// <param name="validator">An optional validator.</param>
public class ChoicePrompt(string dialogId, PromptValidator<FoundChoice>? validator = null) : Prompt<FoundChoice>(dialogId, validator)
{
    /// <inheritdoc/>
    protected override Task OnPromptAsync(ITurnContext turnContext, IDictionary<string, object> state, PromptOptions options, bool isRetry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var question = isRetry && options.RetryPrompt is not null ? options.RetryPrompt : options.Prompt!;
        var activity = AppendChoices(question, turnContext.Activity.ChannelId, options.Choices ?? [], options.Style ?? Style);
        return turnContext.SendActivityAsync(activity, cancellationToken);
    }

    /// <inheritdoc/>
    protected override Task<PromptRecognizerResult<FoundChoice>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object> state, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var text = turnContext.Activity.Type == ActivityTypes.Message ? turnContext.Activity.Text : null;
        var found = ChoiceRecognizers.RecognizeChoice(text, options.Choices ?? [], turnContext.Activity.Locale);
        return Task.FromResult(new PromptRecognizerResult<FoundChoice> { Succeeded = found is not null, Value = found });
    }
}
