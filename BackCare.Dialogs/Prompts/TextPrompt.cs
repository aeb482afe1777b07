using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace BackCare.Dialogs;

/// <summary>Asks for free text. Any message with text is recognised; an empty message is not.</summary>
/// <param name="dialogId">The prompt's id.</param>
/// <param name="validator">An optional validator.</param>
public class TextPrompt(string dialogId, PromptValidator<string>? validator = null) : Prompt<string>(dialogId, validator)
{
    /// <inheritdoc/>
    protected override Task<PromptRecognizerResult<string>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object> state, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var text = turnContext.Activity.Type == ActivityTypes.Message ? turnContext.Activity.Text : null;
        return Task.FromResult(new PromptRecognizerResult<string>
        {
            Succeeded = !string.IsNullOrWhiteSpace(text),
            Value = text,
        });
    }
}
