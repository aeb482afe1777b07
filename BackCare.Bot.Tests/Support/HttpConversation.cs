using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Support;

/// <summary>One person talking to a running host over /api/messages with expectReplies.</summary>
/// <param name="shape">Changes each activity before it is sent (to make it look like Teams, say).</param>
public sealed class HttpConversation(RunningHost host, string conversationId, string userId = "user-1", Func<JObject, JObject>? shape = null)
{
    public string UserId => userId;

    public string ConversationId => conversationId;

    /// <summary>Every activity the bot has sent in this conversation.</summary>
    public List<JObject> Replies { get; } = [];

    public async Task<string> SayAsync(string text)
    {
        var activity = Activities.Message(text, conversationId, userId: userId);
        var replies = await host.ExpectRepliesAsync(shape is null ? activity : shape(activity));
        lock (Replies)
        {
            Replies.AddRange(replies);
        }

        return string.Join("\n", replies.Select(TextOf));
    }

    /// <summary>A message's text, or its card's text.</summary>
    public static string TextOf(JObject message)
        => (string?)message["text"] is { Length: > 0 } text ? text : SentCards.Text(SentCards.Adaptive(message));

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

    /// <summary>The "all clear" answer (pain 4, 34 years old, no warning sign) to a question, recognised by its text.</summary>
    /// <param name="question">The question's text.</param>
    /// <returns>The answer to type.</returns>
    public static string AllClearFor(string question) => question switch
    {
        _ when question.Contains("safety checks", StringComparison.Ordinal) => "none of these",
        _ when question.Contains("How long have you had", StringComparison.Ordinal) => "5 days",
        _ when question.Contains("How bad is the pain", StringComparison.Ordinal) => "4",
        _ when question.Contains("A few more checks", StringComparison.Ordinal) => "none of these",
        _ when question.Contains("How old are you", StringComparison.Ordinal) => "34",
        _ when question.Contains("Where is the pain", StringComparison.Ordinal) => "lower back",
        _ when question.Contains("get better when you rest", StringComparison.Ordinal) => "yes",
        _ => "no",
    };
}
