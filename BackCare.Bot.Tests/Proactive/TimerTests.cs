using System.Net.Http.Headers;
using System.Text;
using BackCare.Bot.Content;
using BackCare.Bot.Exercises;
using BackCare.Bot.Proactive;
using BackCare.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Proactive;

/// <summary>
/// "Start the timer" on a timed page: the real host on 127.0.0.1, the clock driven by the test, and "time's up"
/// arriving as a proactive message at a connector on 127.0.0.1 (as in the Emulator), or in the offline Direct
/// Line transcript (as in Web Chat), unless the person wrote something first.
/// </summary>
public class TimerTests
{
    private static readonly ExerciseCatalogue Catalogue = ExerciseCatalogue.Load(Path.Combine(SolutionPaths.BotProject, "Exercises", "exercises.json"));

    /// <summary>The breathing's last step is timed: its breaths times their seconds (5 of about 10).</summary>
    private static readonly int BreathingSeconds = Catalogue["breathing"].Dose.Reps * Catalogue["breathing"].Dose.SecondsPerRep;

    private static async Task<RunningHost> HostAsync(FakeTimeProvider clock, string? sqliteFolder = null)
    {
        var settings = new Dictionary<string, string?> { ["BackCare:Reminders:PollSeconds"] = "3600" };
        if (sqliteFolder is not null)
        {
            settings["BackCare:Storage:Provider"] = "Sqlite";
            settings["BackCare:Storage:DataFolder"] = sqliteFolder;
        }

        return await RunningHost.StartAsync(settings, services: s => s.AddSingleton<TimeProvider>(clock));
    }

    private static FakeTimeProvider Clock() => new(DateTimeOffset.UtcNow);

    /// <summary>Through the triage to the breathing's last step, the one with a timer.</summary>
    private static async Task<string> AtTimedStepAsync(HttpConversation person)
    {
        await person.RunTriageToSelfCareAsync();
        await person.SayAsync("yes");
        await person.SayAsync("yes, let's start");
        await person.SayAsync("done");
        return await person.SayAsync("done");
    }

    private static HttpConversation Person(RunningHost host, ConnectorHost connector, string conversationId)
        => new(host, conversationId, shape: a =>
        {
            a["serviceUrl"] = connector.ServiceUrl;
            return a;
        });

    [Fact]
    public async Task Times_up_arrives_at_the_channel_after_the_hold()
    {
        var clock = Clock();
        await using var connector = await ConnectorHost.StartAsync();
        await using var host = await HostAsync(clock);
        var text = host.Services.GetRequiredService<BotText>();
        var person = Person(host, connector, "timer-" + Guid.NewGuid().ToString("N"));
        var step = await AtTimedStepAsync(person);
        Assert.Contains(text["button.startTimer"], ButtonsOf(person.Replies[^1]));

        var started = await person.SayAsync(text["button.startTimer"]);
        var timers = host.Services.GetRequiredService<ConversationTimers>();
        var run = timers.LastStarted!;
        clock.Advance(TimeSpan.FromSeconds(BreathingSeconds - 1));
        Assert.False(run.IsCompleted);
        Assert.Empty(Messages(connector));
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await run.WaitAsync(TimeSpan.FromSeconds(30)));
        var up = await connector.NextMessageAsync();
        Assert.Contains(text.Format("timer.started", ("seconds", BreathingSeconds)).Trim(), started);
        Assert.Equal(text["timer.up"], (string?)up["text"]);
        Assert.Equal(person.ConversationId, (string?)up["_conversationInPath"]);
        Assert.Contains(step.Split("\n\n")[^1], started);
    }

    [Fact]
    public async Task A_message_before_the_time_is_up_stops_the_timer()
    {
        var clock = Clock();
        await using var connector = await ConnectorHost.StartAsync();
        await using var host = await HostAsync(clock);
        var person = Person(host, connector, "timer-" + Guid.NewGuid().ToString("N"));
        await AtTimedStepAsync(person);
        await person.SayAsync("start the timer");
        var run = host.Services.GetRequiredService<ConversationTimers>().LastStarted!;

        await person.SayAsync("done");
        clock.Advance(TimeSpan.FromSeconds(BreathingSeconds * 2));

        Assert.False(await run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(Messages(connector));
    }

    [Fact]
    public async Task A_message_taken_by_another_instance_stops_the_timer_of_the_first()
    {
        // Two instances over one SQLite file: the timer waits on the first, the message goes to the second, and
        // the first, when its time is up, reads the conversation's state and says nothing.
        var folder = Directory.CreateTempSubdirectory("backcare-timer-").FullName;
        var clockA = Clock();
        await using var connector = await ConnectorHost.StartAsync();
        await using var first = await HostAsync(clockA, folder);
        await using var second = await HostAsync(Clock(), folder);
        var conversationId = "timer-" + Guid.NewGuid().ToString("N");
        var onFirst = Person(first, connector, conversationId);
        await AtTimedStepAsync(onFirst);
        await onFirst.SayAsync("start the timer");
        var run = first.Services.GetRequiredService<ConversationTimers>().LastStarted!;

        var next = await Person(second, connector, conversationId).SayAsync("done");
        clockA.Advance(TimeSpan.FromSeconds(BreathingSeconds));

        Assert.Contains("**Exercise 2 of", next);
        Assert.False(await run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(Messages(connector));
    }

    [Fact]
    public async Task In_offline_Web_Chat_times_up_appears_in_the_Direct_Line_conversation()
    {
        var clock = Clock();
        await using var host = await HostAsync(clock);
        var text = host.Services.GetRequiredService<BotText>();
        using var token = await host.Client.PostAsync("/api/directline/token", new StringContent("{}", Encoding.UTF8, "application/json"));
        var issued = JObject.Parse(await token.Content.ReadAsStringAsync());
        var conversationId = (string)issued["conversationId"]!;
        var bearer = (string)issued["token"]!;
        var watermark = "0";
        async Task<List<JObject>> SayAsync(string words)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities")
            {
                Content = new StringContent(new JObject { ["type"] = "message", ["text"] = words, ["from"] = new JObject { ["id"] = (string)issued["userId"]! } }.ToString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            using var posted = await host.Client.SendAsync(request);
            posted.EnsureSuccessStatusCode();
            return await ActivitiesAsync();
        }

        async Task<List<JObject>> ActivitiesAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities?watermark={watermark}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            using var response = await host.Client.SendAsync(request);
            var body = JObject.Parse(await response.Content.ReadAsStringAsync());
            watermark = (string)body["watermark"]!;
            return body["activities"]!.Select(a => (JObject)a).Where(a => (string?)a["from"]?["role"] == "bot").ToList();
        }

        var reply = await SayAsync("hi");
        for (var turn = 0; turn < 40 && !reply.Any(a => ((string?)a["text"] ?? string.Empty).Contains("Would you like to do a short, gentle routine now?", StringComparison.Ordinal)); turn++)
        {
            reply = await SayAsync(HttpConversation.AllClearFor((string?)reply.LastOrDefault()?["text"] ?? string.Empty));
        }

        await SayAsync("yes");
        await SayAsync("yes, let's start");
        await SayAsync("done");
        await SayAsync("done");
        var started = await SayAsync("start the timer");
        var run = host.Services.GetRequiredService<ConversationTimers>().LastStarted!;
        clock.Advance(TimeSpan.FromSeconds(BreathingSeconds));

        Assert.True(await run.WaitAsync(TimeSpan.FromSeconds(30)));
        var up = Assert.Single(await ActivitiesAsync());
        Assert.Contains(started, a => HttpConversation.TextOf(a).StartsWith(text.Format("timer.started", ("seconds", BreathingSeconds)).Trim(), StringComparison.Ordinal));
        Assert.Equal(text["timer.up"], (string?)up["text"]);
        Assert.Equal("bot", (string?)up["from"]?["role"]);
        Assert.False(string.IsNullOrEmpty((string?)up["id"]));
        Assert.NotNull(up["timestamp"]);
    }

    [Fact]
    public async Task A_message_arriving_as_the_time_is_up_never_throws()
    {
        // The time running out (on the clock's thread) and a message cancelling the timer (on a turn's thread)
        // race, many times: the message's cancel must never meet a source the timer's end has disposed.
        var clock = Clock();
        await using var host = await HostAsync(clock);
        var sut = host.Services.GetRequiredService<ConversationTimers>();
        var adapter = new Microsoft.Bot.Builder.Adapters.TestAdapter();
        for (var round = 0; round < 300; round++)
        {
            var turn = new Microsoft.Bot.Builder.TurnContext(adapter, new Microsoft.Bot.Schema.Activity(Microsoft.Bot.Schema.ActivityTypes.Message)
            {
                ChannelId = "test",
                Conversation = new Microsoft.Bot.Schema.ConversationAccount { Id = $"race-{round}" },
                From = new Microsoft.Bot.Schema.ChannelAccount("person"),
                Recipient = new Microsoft.Bot.Schema.ChannelAccount("bot"),
            });
            var data = new BackCare.Bot.Bots.ConversationData();
            sut.Start(turn, data, 1);
            var run = sut.LastStarted!;
            using var go = new ManualResetEventSlim();
            var timeUp = Task.Run(() =>
            {
                go.Wait();
                clock.Advance(TimeSpan.FromSeconds(1));
            });
            var message = Task.Run(() =>
            {
                go.Wait();
                sut.Cancel(turn, data);
            });
            go.Set();

            await Task.WhenAll(timeUp, message);
            await run;
        }

        // After the time is up and the source disposed, a message still cancels nothing and does not throw.
        var last = new Microsoft.Bot.Builder.TurnContext(adapter, new Microsoft.Bot.Schema.Activity(Microsoft.Bot.Schema.ActivityTypes.Message)
        {
            ChannelId = "test",
            Conversation = new Microsoft.Bot.Schema.ConversationAccount { Id = "race-0" },
        });
        sut.Cancel(last, new BackCare.Bot.Bots.ConversationData());
    }

    [Fact]
    public void Only_pages_with_a_hold_or_the_timed_breathing_have_a_timer()
    {
        var catalogue = Catalogue;
        var sut = new RoutineWalk(catalogue, BotText.Load(Path.Combine(SolutionPaths.BotProject, "Content", "en", "conversation.json")));
        int? At(string id, int page) => sut.TimerSeconds(new RoutineProgress(new Routine([id], 10, false)) { Page = page });

        Assert.Null(At("breathing", 0));
        Assert.Null(At("breathing", 1));
        Assert.Equal(BreathingSeconds, At("breathing", 2));
        Assert.Equal(catalogue["childs-pose"].Dose.HoldSeconds, At("childs-pose", catalogue["childs-pose"].Steps.Count));
        Assert.Equal(catalogue["side-bend"].Dose.HoldSeconds, At("side-bend", catalogue["side-bend"].Steps.Count));
        Assert.Null(At("superman", catalogue["superman"].Steps.Count));
        Assert.Null(At("bird-dog", catalogue["bird-dog"].Steps.Count));
        Assert.Null(At("cat-cow", catalogue["cat-cow"].Steps.Count));
    }

    private static List<string> ButtonsOf(JObject activity)
        => activity["suggestedActions"]?["actions"]?.Select(a => (string)a["title"]!).ToList()
            ?? SentCards.SubmitTitles(SentCards.Adaptive(activity));

    /// <summary>The messages the connector received so far (typing indicators, sent while a slow turn runs, left out).</summary>
    private static List<JObject> Messages(ConnectorHost connector) => connector.Drain().Where(a => (string?)a["type"] != "typing").ToList();
}
