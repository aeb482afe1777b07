using BackCare.Bot.Triage;
using BackCare.Bot.Understanding;
using BackCare.Dialogs;
using BackCare.Dialogs.Choices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace BackCare.Bot.Dialogs;

/// <summary>
/// Asks one triage question (its id in <see cref="PromptOptions.Validations"/>) and reads the reply by the
/// question's kind. An unclear reply is asked again once with an example, then offered as buttons, and never
/// guessed. Yes/no-style questions show their buttons from the start.
/// </summary>
public sealed class TriageQuestionPrompt(TriageContent content, TimeProvider clock) : Prompt<Reply>(nameof(TriageQuestionPrompt))
{
    /// <summary>Builds the options for a question.</summary>
    /// <param name="question">The question.</param>
    /// <param name="content">The triage content.</param>
    /// <returns>The options.</returns>
    public static PromptOptions OptionsFor(QuestionId question, TriageContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new PromptOptions
        {
            Prompt = MessageFactory.Text(content.Questions[question].Text),
            Validations = question.ToString(),
        };
    }

    /// <summary>The question these options ask.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The question.</returns>
    public static QuestionId QuestionOf(PromptOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Enum.Parse<QuestionId>(StateValues.As<string>(options.Validations)!);
    }

    /// <inheritdoc/>
    protected override Task OnPromptAsync(ITurnContext turnContext, IDictionary<string, object> state, PromptOptions options, bool isRetry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(state);
        var id = QuestionOf(options);
        var question = content.Questions[id];
        var choices = question.Buttons.Select(b => new Choice(b)).ToList();
        var buttonsFirst = TriageInterview.KindOf(id) is not (QuestionKind.Duration or QuestionKind.Severity);
        var attempts = state.GetValue<int>(AttemptCountKey);

        var activity = (isRetry, attempts) switch
        {
            (false, _) when buttonsFirst => ChoiceFactory.ForChannel(turnContext.Activity.ChannelId, choices, question.Text),
            (false, _) => MessageFactory.Text(question.Text),
            (true, <= 1) when buttonsFirst => ChoiceFactory.ForChannel(turnContext.Activity.ChannelId, choices, $"Sorry, I didn't quite get that. {question.Example}\n\n{question.Text}"),
            (true, <= 1) => MessageFactory.Text($"Sorry, I didn't quite get that. {question.Example}\n\n{question.Text}"),
            _ => ChoiceFactory.ForChannel(turnContext.Activity.ChannelId, choices, $"Let's make it easier: please pick the answer closest to yours, or type it in your own words.\n\n{question.Text}"),
        };
        activity.InputHint = InputHints.ExpectingInput;
        return turnContext.SendActivityAsync(activity, cancellationToken);
    }

    /// <inheritdoc/>
    protected override Task<PromptRecognizerResult<Reply>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object> state, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var question = QuestionOf(options);
        var reply = ReplyReader.Read(TriageInterview.KindOf(question), turnContext.Activity.Text, clock.GetUtcNow().UtcDateTime, content.Questions[question].Words);
        return Task.FromResult(new PromptRecognizerResult<Reply> { Succeeded = reply is not null, Value = reply });
    }
}
