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
        QuestionKind.Age => "under 50",
        QuestionKind.WhichLegs => "one leg",
        _ => question == QuestionId.EmergencyScreen ? "none of these" : "no",
    };

    public async Task<string> RunAsync(Dictionary<QuestionId, string> script, string opening = "hi")
    {
        var replies = await conversation.SayAsync(opening);
        for (var turn = 0; turn < 60; turn++)
        {
            var question = conversation.QuestionAsked(replies);
            if (question is not QuestionId asked)
            {
                Final = replies;
                return BotConversation.Join(replies);
            }

            Asked.Add(asked);
            replies = await conversation.SayAsync(script.TryGetValue(asked, out var answer) ? answer : AllClear(asked));
        }

        throw new InvalidOperationException("The triage did not finish within 60 turns.");
    }
}
