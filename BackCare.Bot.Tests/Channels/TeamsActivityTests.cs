using BackCare.Bot.Tests.Support;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Channels;

/// <summary>Activities shaped the way Teams sends them, over the real host.</summary>
public class TeamsActivityTests
{
    private const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    private static JObject FromTeams(JObject activity, string conversationType = "personal")
    {
        activity["channelId"] = "msteams";
        activity["serviceUrl"] = "https://smba.trafficmanager.net/amer/";
        activity["channelData"] = new JObject { ["tenant"] = new JObject { ["id"] = TenantId } };
        activity["conversation"]!["conversationType"] = conversationType;
        activity["conversation"]!["tenantId"] = TenantId;
        activity["from"]!["aadObjectId"] = "e1c7a1b2-0000-4000-8000-000000000001";
        return activity;
    }

    private static JObject Mentioned(string text, string conversation, string conversationType = "groupChat")
    {
        var activity = FromTeams(Activities.Message($"<at>BackCare</at> {text}", conversation, channelId: "msteams"), conversationType);
        activity["entities"] = new JArray(new JObject
        {
            ["type"] = "mention",
            ["text"] = "<at>BackCare</at>",
            ["mentioned"] = new JObject { ["id"] = "backcare-bot", ["name"] = "BackCare" },
        });
        return activity;
    }

    [Fact]
    public async Task Installing_the_bot_greets_the_person()
    {
        await using var host = await RunningHost.StartAsync();
        var install = FromTeams(Activities.ConversationStarted(Guid.NewGuid().ToString("N"), "https://smba.trafficmanager.net/amer/", "msteams"));
        install["membersAdded"] = new JArray(new JObject { ["id"] = "backcare-bot", ["name"] = "BackCare" });

        var replies = await host.ExpectRepliesAsync(install);

        Assert.Contains("I'm BackCare", (string?)Assert.Single(replies)["text"]);
    }

    [Fact]
    public async Task An_at_mention_is_removed_before_the_answer_is_read()
    {
        await using var host = await RunningHost.StartAsync();
        var conversation = Guid.NewGuid().ToString("N");
        await host.ExpectRepliesAsync(Mentioned("hi", conversation, "personal"));

        var replies = await host.ExpectRepliesAsync(Mentioned("none of these", conversation, "personal"));
        var next = await host.ExpectRepliesAsync(Mentioned("help", conversation, "personal"));

        Assert.Contains("How old are you", string.Join("\n", replies.Select(r => (string?)r["text"])));
        Assert.Contains("I only need a range", string.Join("\n", next.Select(r => (string?)r["text"])));
    }

    [Fact]
    public async Task Replies_in_teams_never_rely_on_more_than_three_suggested_actions_and_use_only_markdown_it_renders()
    {
        await using var host = await RunningHost.StartAsync();
        var teams = new HttpConversation(host, Guid.NewGuid().ToString("N"), shape: a => FromTeams(a.Also(x => x["channelId"] = "msteams")));
        await teams.RunTriageToSelfCareAsync();
        await teams.SayAsync("yes");
        await teams.SayAsync("yes, let's start");
        await teams.SayAsync("done");

        var messages = teams.Replies.Where(a => (string?)a["type"] == "message").ToList();
        Assert.Contains(messages, m => Text(m).Contains("Exercise 1 of", StringComparison.Ordinal));
        Assert.All(messages, m => Assert.True(((JArray?)m["suggestedActions"]?["actions"])?.Count is null or <= 3, m.ToString()));
        Assert.Contains(messages, m => SentCards.Adaptive(m) is not null);
        Assert.DoesNotContain(messages, m => (m["attachments"] as JArray)?.Any(a => (string?)a["contentType"] == "application/vnd.microsoft.card.hero") == true);
        foreach (var text in messages.Select(Text))
        {
            Assert.DoesNotMatch(@"(?m)^\s*#|\|.*\|", text);
        }
    }

    private static string Text(JObject message) => HttpConversation.TextOf(message);

    [Fact]
    public async Task The_step_card_shown_again_after_help_is_the_same_card_with_no_type_names_in_it()
    {
        await using var host = await RunningHost.StartAsync();
        var teams = new HttpConversation(host, Guid.NewGuid().ToString("N"), shape: a => FromTeams(a.Also(x => x["channelId"] = "msteams")));
        await teams.RunTriageToSelfCareAsync();
        await teams.SayAsync("yes");
        await teams.SayAsync("yes, let's start");
        await teams.SayAsync("done");
        var before = teams.Replies.Count;
        var step = SentCards.Adaptive(teams.Replies[^1])!;

        await teams.SayAsync("help");

        var again = teams.Replies.Skip(before).ToList();
        Assert.Equal(2, again.Count);
        Assert.Contains("We're in your routine", Text(again[0]));
        Assert.Equal(step.ToString(), SentCards.Adaptive(again[1])!.ToString());
        Assert.All(teams.Replies, r => Assert.DoesNotContain("$type", r.ToString(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("groupChat")]
    [InlineData("channel")]
    public async Task In_a_group_chat_or_channel_the_bot_invites_people_to_a_private_chat_and_asks_no_health_question(string conversationType)
    {
        await using var host = await RunningHost.StartAsync();
        var conversation = Guid.NewGuid().ToString("N");
        var added = FromTeams(Activities.ConversationStarted(conversation, "https://smba.trafficmanager.net/amer/", "msteams"), conversationType);
        added["membersAdded"] = new JArray(new JObject { ["id"] = "backcare-bot", ["name"] = "BackCare" });

        var replies = new List<JObject>();
        replies.AddRange(await host.ExpectRepliesAsync(added));
        foreach (var said in new[] { "hi", "Start the check", "none of these", "34", "help", "start over" })
        {
            replies.AddRange(await host.ExpectRepliesAsync(Mentioned(said, conversation, conversationType)));
        }

        var content = BackCare.Bot.Triage.TriageContent.Load(Path.Combine(SolutionPaths.BotProject, "Triage", "triage-content.json"));
        var messages = replies.Where(r => (string?)r["type"] == "message").ToList();
        Assert.Equal(7, messages.Count);
        Assert.All(messages, m =>
        {
            var text = Text(m);
            Assert.Equal(Language.Text["groupIntro"], text);
            Assert.Null(m["suggestedActions"]);
            Assert.Null(SentCards.Adaptive(m));
            Assert.DoesNotContain(content.Questions.Values, q => text.Contains(q.Text, StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task The_bot_sends_typing_before_a_slow_reply()
    {
        var slow = SlowStorage(TimeSpan.FromMilliseconds(2000));
        await using var connector = await ConnectorHost.StartAsync();
        await using var host = await RunningHost.StartAsync(services: s => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(s, slow));
        var message = FromTeams(Activities.Message("hi", Guid.NewGuid().ToString("N"), channelId: "msteams"));
        message["serviceUrl"] = connector.ServiceUrl;

        using var response = await host.Client.PostAsync("/api/messages", new StringContent(message.ToString(), System.Text.Encoding.UTF8, "application/json"));
        // Typing goes out about half a second into the turn; the reply only after the two-second read.
        var before = new List<string?>();
        JObject received;
        while ((string?)(received = await connector.NextAsync())["type"] != "message")
        {
            before.Add((string?)received["type"]);
        }

        Assert.Contains("typing", before);
        Assert.Contains("safety checks", (string?)received["text"]);
    }

    [Fact]
    public async Task A_slow_reply_asked_for_in_the_response_carries_no_typing_indicator()
    {
        // With expectReplies the replies come back in the response: a typing indicator there would show nothing.
        var slow = SlowStorage(TimeSpan.FromMilliseconds(1200));
        await using var host = await RunningHost.StartAsync(services: s => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(s, slow));

        var replies = await host.ExpectRepliesAsync(FromTeams(Activities.Message("hi", Guid.NewGuid().ToString("N"), channelId: "msteams")));

        Assert.NotEmpty(replies);
        Assert.All(replies, r => Assert.Equal("message", (string?)r["type"]));
    }

    /// <summary>A store whose reads take this long, so a turn takes at least that long.</summary>
    private static Microsoft.Bot.Builder.IStorage SlowStorage(TimeSpan readDelay)
    {
        var slow = new Moq.Mock<Microsoft.Bot.Builder.IStorage>();
        var real = new Microsoft.Bot.Builder.MemoryStorage();
        slow.Setup(s => s.ReadAsync(Moq.It.IsAny<string[]>(), Moq.It.IsAny<CancellationToken>()))
            .Returns(async (string[] k, CancellationToken c) => { await Task.Delay(readDelay, c); return await real.ReadAsync(k, c); });
        slow.Setup(s => s.WriteAsync(Moq.It.IsAny<IDictionary<string, object>>(), Moq.It.IsAny<CancellationToken>())).Returns((IDictionary<string, object> d, CancellationToken c) => real.WriteAsync(d, c));
        return slow.Object;
    }
}
