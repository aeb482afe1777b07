using BackCare.Bot.Cards;
using BackCare.Bot.Content;
using BackCare.Bot.Triage;
using BackCare.Bot.Understanding;
using BackCare.Dialogs;
using Microsoft.Bot.Builder;

namespace BackCare.Bot.Dialogs;

/// <summary>
/// Asks one triage question (its id in <see cref="PromptOptions.Validations"/>) and reads the reply the way the
/// question's row says. Yes/no-style questions and checklists show their buttons from the start.
/// </summary>
public sealed class TriageQuestionPrompt(TriageContent content, ReplyReader replies, TimeProvider clock, BotText text, CardSet cards) : ClarifyingPrompt<Reply>(nameof(TriageQuestionPrompt), text, cards)
{
    /// <summary>Builds the options for a question.</summary>
    /// <param name="question">The question.</param>
    /// <param name="content">The triage content.</param>
    /// <param name="progress">Where the question comes ("Question 4 of about 11"), shown above it; <c>null</c> for none.</param>
    /// <returns>The options.</returns>
    public static PromptOptions OptionsFor(QuestionId question, TriageContent content, string? progress = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var words = content.Questions[question].Text;
        return new PromptOptions
        {
            Prompt = MessageFactory.Text(string.IsNullOrEmpty(progress) ? words : $"{progress}\n\n{words}"),
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
    protected override Question Describe(PromptOptions options)
    {
        var id = QuestionOf(options);
        var question = content.Questions[id];
        var kind = TriageInterview.KindOf(id);
        var buttonsFirst = kind is not (QuestionKind.Duration or QuestionKind.Severity or QuestionKind.Age);
        return new Question(options.Prompt?.Text ?? question.Text, question.Example, question.Buttons, buttonsFirst, "question:" + id, PainScale: kind == QuestionKind.Severity);
    }

    /// <inheritdoc/>
    protected override Reply? Read(string? text, PromptOptions options)
        => replies.Read(QuestionOf(options), text, clock.GetUtcNow().UtcDateTime);
}
