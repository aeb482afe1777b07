using BackCare.Bot.Cards;
using BackCare.Bot.Content;
using BackCare.Bot.Triage;
using BackCare.Bot.Understanding;
using BackCare.Dialogs;
using Microsoft.Bot.Builder;

namespace BackCare.Bot.Dialogs;

/// <summary>
/// After a mixed or hedged reply to a warning-sign question, checks it with the person in a short question that
/// names the sign, with Yes / No / Not sure. A reply that is mixed again counts as "not sure": never a silent no.
/// </summary>
public sealed class SignConfirmationPrompt(TriageContent content, ReplyReader replies, BotText text, CardSet cards) : ClarifyingPrompt<Answer?>(nameof(SignConfirmationPrompt), text, cards)
{
    /// <summary>Builds the options for confirming a question's sign.</summary>
    /// <param name="question">The question.</param>
    /// <param name="content">The triage content.</param>
    /// <returns>The options.</returns>
    public static PromptOptions OptionsFor(QuestionId question, TriageContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new PromptOptions
        {
            Prompt = MessageFactory.Text(content.Questions[question].Confirm),
            Validations = question.ToString(),
        };
    }

    /// <inheritdoc/>
    protected override Question Describe(PromptOptions options)
    {
        var id = TriageQuestionPrompt.QuestionOf(options);
        var question = content.Questions[id];
        return new Question(question.Confirm!, question.Example, [Text["button.yes"], Text["button.no"], Text["button.notSure"]], ButtonsFirst: true, Step: "confirm:" + id);
    }

    /// <inheritdoc/>
    protected override Answer? Read(string? text, PromptOptions options)
        => replies.ReadConfirmation(TriageQuestionPrompt.QuestionOf(options), text);
}
