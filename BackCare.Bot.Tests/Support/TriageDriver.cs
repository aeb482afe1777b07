using BackCare.Bot.Triage;
using Microsoft.Bot.Schema;

namespace BackCare.Bot.Tests.Support;

/// <summary>
/// Answers the triage the way a person would: whatever question the bot asks, the script's answer for it, or
/// a plain "all clear" answer when the script says nothing about that question.
/// </summary>
public sealed class TriageDriver(BotConversation conversation)
{
    public List<QuestionId> Asked { get; } = [];

    /// <summary>The bot's replies after the last answer: where the advice is.</summary>
    public List<Activity> Final { get; private set; } = [];

    public static string AllClear(QuestionId question) => TriageInterview.KindOf(question) switch
    {
        QuestionKind.Duration => "5 days",
        QuestionKind.Severity => "3",
        QuestionKind.Age => "34",
        QuestionKind.Location => "lower back",
        QuestionKind.WhichLegs => "one leg",
        QuestionKind.Checklist => "none of these",
        _ => TriageQuestions.ById(question).WarningWhenNo ? "yes" : "no",
    };

    /// <summary>What the script says to a question: its own answer; for a checklist whose items the script answers, "yes" so that each is asked.</summary>
    private static string Answer(Dictionary<QuestionId, string> script, QuestionId question)
    {
        if (script.TryGetValue(question, out var answer))
        {
            return answer;
        }

        var row = TriageQuestions.ById(question);
        return row.Kind == QuestionKind.Checklist && row.Items.Any(i => script.ContainsKey(i.Question)) ? "yes, at least one" : AllClear(question);
    }

    public async Task<string> RunAsync(Dictionary<QuestionId, string> script, string opening = "hi")
        => await ContinueAsync(script, await conversation.SayAsync(opening));

    /// <summary>Answers the questions from the bot's last replies on (after "start over", say).</summary>
    public async Task<string> ContinueAsync(Dictionary<QuestionId, string> script, List<Activity> replies)
    {
        for (var turn = 0; turn < 60; turn++)
        {
            var question = conversation.QuestionAsked(replies);
            if (question is not QuestionId asked)
            {
                Final = replies;
                return BotConversation.Join(replies);
            }

            Asked.Add(asked);
            replies = await conversation.SayAsync(Answer(script, asked));
        }

        throw new InvalidOperationException("The triage did not finish within 60 turns.");
    }
}
