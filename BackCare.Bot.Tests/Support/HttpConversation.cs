namespace BackCare.Bot.Tests.Support;

/// <summary>One person talking to a running host over /api/messages with expectReplies.</summary>
public sealed class HttpConversation(RunningHost host, string conversationId, string userId = "user-1")
{
    public string UserId => userId;

    public async Task<string> SayAsync(string text)
    {
        var replies = await host.ExpectRepliesAsync(Activities.Message(text, conversationId, userId: userId));
        return string.Join("\n", replies.Select(r => (string?)r["text"] ?? (string?)r["attachments"]?[0]?["content"]?["text"]));
    }

    /// <summary>Answers "all clear" until the bot's reply contains <paramref name="marker"/>.</summary>
    public async Task<string> AnswerUntilAsync(string marker, int maxTurns = 40)
    {
        var reply = await SayAsync("hi");
        for (var i = 0; i < maxTurns && !reply.Contains(marker, StringComparison.Ordinal); i++)
        {
            reply = await SayAsync(AllClearFor(reply));
        }

        return reply.Contains(marker, StringComparison.Ordinal) ? reply : throw new InvalidOperationException($"Never saw '{marker}'. Last reply:\n{reply}");
    }

    /// <summary>Answers every question "all clear" (pain 4) until the self-care advice.</summary>
    public Task<string> RunTriageToSelfCareAsync() => AnswerUntilAsync("Would you like to do a short, gentle routine now?");

    private static string AllClearFor(string question) => question switch
    {
        _ when question.Contains("safety checks", StringComparison.Ordinal) => "none of these",
        _ when question.Contains("How long have you had", StringComparison.Ordinal) => "5 days",
        _ when question.Contains("How bad is the pain", StringComparison.Ordinal) => "4",
        _ when question.Contains("under 50, or 50 or over", StringComparison.Ordinal) => "under 50",
        _ => "no",
    };
}
