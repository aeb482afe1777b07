using BackCare.Bot.Bots;
using BackCare.Bot.Tests.Support;
using BackCare.Bot.Triage;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Reliability;

/// <summary>Channels retry: an activity id already handled in a conversation is not applied again.</summary>
public class IdempotentTurnTests
{
    [Fact]
    public async Task The_same_activity_posted_twice_in_turn_is_answered_once_and_gets_the_same_replies()
    {
        await using var host = await RunningHost.StartAsync();
        var conversation = Guid.NewGuid().ToString("N");
        await new HttpConversation(host, conversation).AnswerUntilAsync("Does the pain get better when you rest");
        var no = Activities.Message("no", conversation);

        var first = await host.ExpectRepliesAsync((JObject)no.DeepClone());
        var again = await host.ExpectRepliesAsync((JObject)no.DeepClone());
        var data = await StoredState.ConversationDataAsync(host, conversation);

        Assert.Equal(Answer.No, data!.Answers.EasesWithRest);
        Assert.Null(data.Answers.SpreadsDownLeg);
        Assert.Equal(Texts(first), Texts(again));
        Assert.Contains("spread down into one or both of your legs", Texts(first), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_same_activity_posted_twice_at_once_is_answered_once()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?>
        {
            ["BackCare:Storage:Provider"] = "Sqlite",
            ["BackCare:Storage:DataFolder"] = Directory.CreateTempSubdirectory("backcare-retry-").FullName,
        });
        var conversation = Guid.NewGuid().ToString("N");
        await new HttpConversation(host, conversation).AnswerUntilAsync("Does the pain get better when you rest");
        var no = Activities.Message("no", conversation);

        var both = await Task.WhenAll(host.ExpectRepliesAsync((JObject)no.DeepClone()), host.ExpectRepliesAsync((JObject)no.DeepClone()));
        var data = await StoredState.ConversationDataAsync(host, conversation);

        Assert.Equal(Answer.No, data!.Answers.EasesWithRest);
        Assert.Null(data.Answers.SpreadsDownLeg);
        Assert.Equal(Texts(both[0]), Texts(both[1]));
    }

    [Fact]
    public async Task The_record_of_handled_activities_survives_a_restart_and_is_bounded()
    {
        var settings = new Dictionary<string, string?>
        {
            ["BackCare:Storage:Provider"] = "Sqlite",
            ["BackCare:Storage:DataFolder"] = Directory.CreateTempSubdirectory("backcare-retry-restart-").FullName,
        };
        var conversation = Guid.NewGuid().ToString("N");
        var no = Activities.Message("no", conversation);
        await using (var first = await RunningHost.StartAsync(settings))
        {
            await new HttpConversation(first, conversation).AnswerUntilAsync("Does the pain get better when you rest");
            await first.ExpectRepliesAsync((JObject)no.DeepClone());
        }

        await using var second = await RunningHost.StartAsync(settings);
        await second.ExpectRepliesAsync((JObject)no.DeepClone());
        var data = await StoredState.ConversationDataAsync(second, conversation);
        Assert.Null(data!.Answers.SpreadsDownLeg);

        // Many more turns: only the last ids (and the replies of the very last few) are kept.
        var http = new HttpConversation(second, conversation);
        for (var i = 0; i < HandledActivities.MaxIds + 5; i++)
        {
            await http.SayAsync("help");
        }

        var handled = await StoredState.HandledAsync(second, conversation);
        Assert.Equal(HandledActivities.MaxIds, handled!.Items.Count);
        Assert.Equal(HandledActivities.MaxReplies, handled.Items.Count(i => i.Replies is not null));
    }

    private static string Texts(IEnumerable<JObject> replies) => string.Join("\n", replies.Select(HttpConversation.TextOf));
}
