using System.Text;
using BackCare.Bot.Content;
using BackCare.Bot.Proactive;
using BackCare.Bot.Tests.Support;
using Microsoft.Bot.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Proactive;

/// <summary>
/// Daily reminders end to end: the real host on 127.0.0.1 over real storage (a SQLite file, or Azurite's Blob
/// service), a clock the test moves, the reminder service's check run as its loop runs it, and the reminders
/// arriving at a connector on 127.0.0.1 as the Emulator would receive them.
/// </summary>
public class ReminderTests
{
    /// <summary>Noon in London on a winter's day (UTC+0).</summary>
    private static readonly DateTimeOffset Noon = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string?> Sqlite(string folder) => new()
    {
        ["BackCare:Storage:Provider"] = "Sqlite",
        ["BackCare:Storage:DataFolder"] = folder,
    };

    private static string NewFolder() => Directory.CreateTempSubdirectory("backcare-reminders-").FullName;

    private static Task<RunningHost> HostAsync(ManualClock clock, Dictionary<string, string?> settings)
    {
        // The service's own loop checks at start-up, then hourly: the test runs the checks it needs itself.
        settings["BackCare:Reminders:PollSeconds"] = "3600";
        return RunningHost.StartAsync(settings, services: s => s.AddSingleton<TimeProvider>(clock));
    }

    private static HttpConversation Person(RunningHost host, ConnectorHost connector, string conversationId, string userId = "user-1", string? timezone = "Europe/London")
        => new(host, conversationId, userId, a =>
        {
            a["serviceUrl"] = connector.ServiceUrl;
            if (timezone is not null)
            {
                a["localTimezone"] = timezone;
            }

            return a;
        });

    private static Task<int> CheckAsync(RunningHost host) => host.Services.GetRequiredService<ReminderService>().SendDueAsync(CancellationToken.None);

    private static BotText Text(RunningHost host) => host.Services.GetRequiredService<BotText>();

    [Fact]
    public async Task A_reminder_is_sent_once_at_its_local_time_and_not_before()
    {
        var clock = new ManualClock(Noon);
        await using var connector = await ConnectorHost.StartAsync();
        await using var host = await HostAsync(clock, Sqlite(NewFolder()));
        var person = Person(host, connector, "reminder-" + Guid.NewGuid().ToString("N"));

        var set = await person.SayAsync("remind me every day at 7pm");
        clock.Advance(TimeSpan.FromHours(6) + TimeSpan.FromMinutes(59));
        var before = await CheckAsync(host);
        clock.Advance(TimeSpan.FromMinutes(1));
        var atTime = await CheckAsync(host);
        var sent = Messages(connector);
        clock.Advance(TimeSpan.FromMinutes(30));
        var again = await CheckAsync(host);
        clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(30));
        var nextDay = await CheckAsync(host);

        Assert.Equal(Text(host).Format("reminder.set", ("time", "19:00"), ("zone", "Europe/London")), set);
        Assert.Equal((0, 1, 0, 1), (before, atTime, again, nextDay));
        var reminder = Assert.Single(sent);
        Assert.Equal(Text(host)["reminder.message"], (string?)reminder["text"]);
        Assert.Equal(person.ConversationId, (string?)reminder["_conversationInPath"]);
        Assert.Single(Messages(connector));
    }

    [Fact]
    public async Task A_reminder_survives_a_restart_and_one_missed_while_down_is_sent_late_within_the_grace()
    {
        var folder = NewFolder();
        var clock = new ManualClock(Noon);
        await using var connector = await ConnectorHost.StartAsync();
        var conversationId = "reminder-" + Guid.NewGuid().ToString("N");
        await using (var first = await HostAsync(clock, Sqlite(folder)))
        {
            await Person(first, connector, conversationId).SayAsync("remind me at 18:30");
        }

        // Down from 13:00 to 19:45: the 18:30 reminder is 75 minutes late, inside the default 2 hours. The new
        // host's service checks as it starts (the test's check may run alongside: the claim lets one send it).
        clock.Advance(TimeSpan.FromHours(7.75));
        await using var second = await HostAsync(clock, Sqlite(folder));
        await CheckAsync(second);
        var late = await connector.NextMessageAsync();

        Assert.Equal(conversationId, (string?)late["_conversationInPath"]);
        Assert.Equal(Text(second)["reminder.message"], (string?)late["text"]);
        Assert.Equal(0, await CheckAsync(second));
        Assert.Empty(Messages(connector));
    }

    [Fact]
    public async Task A_reminder_missed_by_more_than_the_grace_is_skipped_that_day_and_sent_the_next()
    {
        var folder = NewFolder();
        var clock = new ManualClock(Noon);
        await using var connector = await ConnectorHost.StartAsync();
        await using (var first = await HostAsync(clock, Sqlite(folder)))
        {
            await Person(first, connector, "reminder-" + Guid.NewGuid().ToString("N")).SayAsync("remind me at 18:30");
        }

        // Down from 13:00 to 21:00: two and a half hours late is past the grace. Then 19:00 the next day.
        clock.Advance(TimeSpan.FromHours(9));
        await using var second = await HostAsync(clock, Sqlite(folder));
        var late = await CheckAsync(second);
        var sentLate = Messages(connector);
        clock.Advance(TimeSpan.FromHours(22));
        var nextDay = await CheckAsync(second);

        Assert.Equal((0, 1), (late, nextDay));
        Assert.Empty(sentLate);
        Assert.Single(Messages(connector));
    }

    [Fact]
    public async Task Two_hosts_over_one_blob_container_send_a_reminder_exactly_once()
    {
        var settings = new Dictionary<string, string?>
        {
            ["BackCare:Storage:Provider"] = "Blob",
            ["BackCare:Storage:BlobConnectionString"] = await Azurite.ConnectionStringAsync(),
            ["BackCare:Storage:BlobContainer"] = $"reminders-{Guid.NewGuid():N}",
        };
        var clock = new ManualClock(Noon);
        await using var connector = await ConnectorHost.StartAsync();
        await using var first = await HostAsync(clock, new(settings));
        await using var second = await HostAsync(clock, new(settings));
        await Person(first, connector, "reminder-a-" + Guid.NewGuid().ToString("N"), "person-a").SayAsync("remind me every day at 7pm");
        await Person(second, connector, "reminder-b-" + Guid.NewGuid().ToString("N"), "person-b").SayAsync("remind me every day at 7pm");

        clock.Advance(TimeSpan.FromHours(7));
        var sent = new List<int>();
        for (var round = 0; round < 3; round++)
        {
            sent.AddRange(await Task.WhenAll(CheckAsync(first), CheckAsync(second), CheckAsync(first), CheckAsync(second)));
        }

        Assert.Equal(2, sent.Sum());
        var received = Messages(connector);
        Assert.Equal(2, received.Count);
        Assert.Equal(2, received.Select(r => (string?)r["_conversationInPath"]).Distinct().Count());
    }

    [Fact]
    public async Task On_the_day_the_clocks_go_back_the_reminder_keeps_its_local_time()
    {
        // London: 19:00 is 18:00 UTC on Saturday 24 October 2026 and 19:00 UTC from Sunday 25 October.
        var clock = new ManualClock(new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero));
        await using var connector = await ConnectorHost.StartAsync();
        await using var host = await HostAsync(clock, Sqlite(NewFolder()));
        await Person(host, connector, "reminder-" + Guid.NewGuid().ToString("N")).SayAsync("remind me every day at 7pm");

        clock.Advance(TimeSpan.FromHours(6));
        var saturday = await CheckAsync(host);
        clock.Advance(TimeSpan.FromHours(24));
        var sundayAtSixUtc = await CheckAsync(host);
        clock.Advance(TimeSpan.FromHours(1));
        var sundayAtSevenUtc = await CheckAsync(host);

        Assert.Equal((1, 0, 1), (saturday, sundayAtSixUtc, sundayAtSevenUtc));
        Assert.Equal(2, Messages(connector).Count);
    }

    [Fact]
    public async Task Stop_reminders_stops_them()
    {
        var clock = new ManualClock(Noon);
        await using var connector = await ConnectorHost.StartAsync();
        await using var host = await HostAsync(clock, Sqlite(NewFolder()));
        var person = Person(host, connector, "reminder-" + Guid.NewGuid().ToString("N"));
        await person.SayAsync("remind me every day at 7pm");

        var stopped = await person.SayAsync("stop reminders");
        var stoppedAgain = await person.SayAsync("stop reminders");
        clock.Advance(TimeSpan.FromHours(7));

        Assert.Equal(Text(host)["reminder.stopped"], stopped);
        Assert.Equal(Text(host)["reminder.none"], stoppedAgain);
        Assert.Equal(0, await CheckAsync(host));
        Assert.Empty(Messages(connector));
    }

    [Fact]
    public async Task After_an_emergency_result_the_daily_reminder_does_not_invite_to_a_routine()
    {
        var clock = new ManualClock(Noon);
        await using var connector = await ConnectorHost.StartAsync();
        await using var host = await HostAsync(clock, Sqlite(NewFolder()));
        var person = Person(host, connector, "reminder-" + Guid.NewGuid().ToString("N"));
        await person.SayAsync("remind me every day at 7pm");

        var advice = await person.SayAsync("since this morning I can't control my bladder");
        Messages(connector);
        clock.Advance(TimeSpan.FromHours(7));

        Assert.Contains("Emergency", advice, StringComparison.Ordinal);
        Assert.Equal(0, await CheckAsync(host));
        Assert.DoesNotContain(Messages(connector), m => (string?)m["text"] == Text(host)["reminder.message"]);

        // Starting over lifts the result: the next day's reminder comes again.
        await person.SayAsync("start over");
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await CheckAsync(host));
    }

    [Fact]
    public async Task Delete_my_data_removes_the_reminder_and_its_line_in_the_schedule()
    {
        var folder = NewFolder();
        var clock = new ManualClock(Noon);
        await using var connector = await ConnectorHost.StartAsync();
        await using var host = await HostAsync(clock, Sqlite(folder));
        var person = Person(host, connector, "reminder-" + Guid.NewGuid().ToString("N"), "person-" + Guid.NewGuid().ToString("N"));
        var other = Person(host, connector, "reminder-" + Guid.NewGuid().ToString("N"), "other-" + Guid.NewGuid().ToString("N"));
        await person.SayAsync("remind me every day at 7pm");
        await other.SayAsync("remind me every day at 7pm");
        Assert.Contains(person.UserId, SqliteText(folder), StringComparison.Ordinal);

        await person.SayAsync("delete my data");
        clock.Advance(TimeSpan.FromHours(7));

        Assert.DoesNotContain(person.UserId, SqliteText(folder), StringComparison.Ordinal);
        Assert.Equal(1, await CheckAsync(host));
        Assert.Equal(other.ConversationId, (string?)Assert.Single(Messages(connector))["_conversationInPath"]);
    }

    [Fact]
    public async Task Without_a_time_zone_in_the_activity_the_person_is_asked_and_their_answer_sets_it()
    {
        var clock = new ManualClock(Noon);
        await using var connector = await ConnectorHost.StartAsync();
        await using var host = await HostAsync(clock, Sqlite(NewFolder()));
        var person = Person(host, connector, "reminder-" + Guid.NewGuid().ToString("N"), timezone: null);

        var asked = await person.SayAsync("remind me every day at 7pm");
        var set = await person.SayAsync("I'm in New York");

        // 19:00 in New York in November is 00:00 UTC the next day.
        clock.Advance(TimeSpan.FromHours(11) + TimeSpan.FromMinutes(59));
        var before = await CheckAsync(host);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(Text(host).Format("reminder.askZone", ("time", "19:00")), asked);
        Assert.Equal(Text(host).Format("reminder.set", ("time", "19:00"), ("zone", "America/New_York")), set);
        Assert.Equal((0, 1), (before, await CheckAsync(host)));

        // The zone is remembered: the next reminder is set without asking.
        Assert.Equal(Text(host).Format("reminder.set", ("time", "08:00"), ("zone", "America/New_York")), await person.SayAsync("remind me at 8am"));
    }

    [Fact]
    public async Task A_local_timestamp_gives_its_offset_and_a_zone_answer_that_is_not_one_sets_nothing_and_loses_nothing()
    {
        var clock = new ManualClock(Noon);
        await using var connector = await ConnectorHost.StartAsync();
        await using var host = await HostAsync(clock, Sqlite(NewFolder()));
        var withOffset = new HttpConversation(host, "reminder-" + Guid.NewGuid().ToString("N"), "person-offset", a =>
        {
            a["serviceUrl"] = connector.ServiceUrl;
            a["localTimestamp"] = "2026-11-26T17:30:00+05:30";
            return a;
        });
        var unsure = Person(host, connector, "reminder-" + Guid.NewGuid().ToString("N"), "person-unsure", timezone: null);

        var set = await withOffset.SayAsync("remind me at 7pm");
        await unsure.SayAsync("remind me at 7pm");
        var notAZone = await unsure.SayAsync("hi");

        Assert.Equal(Text(host).Format("reminder.set", ("time", "19:00"), ("zone", "UTC+05:30")), set);
        Assert.StartsWith(Text(host).Format("reminder.zoneNotUnderstood", ("time", "19:00")), notAZone, StringComparison.Ordinal);
        Assert.True(notAZone.Length > Text(host).Format("reminder.zoneNotUnderstood", ("time", "19:00")).Length, "The message itself was not answered.");
        Assert.Null(await host.Services.GetRequiredService<ReminderSchedule>().FindAsync("emulator", "person-unsure", CancellationToken.None));
    }

    [Fact]
    public async Task During_the_triage_questions_a_reminder_waits_and_the_question_is_asked_again()
    {
        var clock = new ManualClock(Noon);
        await using var connector = await ConnectorHost.StartAsync();
        await using var host = await HostAsync(clock, Sqlite(NewFolder()));
        var person = Person(host, connector, "reminder-" + Guid.NewGuid().ToString("N"));
        var question = await person.SayAsync("hi");

        var reply = await person.SayAsync("remind me every day at 7pm");

        Assert.StartsWith(Text(host)["reminder.afterQuestions"], reply, StringComparison.Ordinal);
        Assert.EndsWith(question.Split("\n")[^1], reply, StringComparison.Ordinal);
        Assert.Null(await host.Services.GetRequiredService<ReminderSchedule>().FindAsync("emulator", "user-1", CancellationToken.None));
    }

    [Fact]
    public async Task After_a_routine_a_reminder_is_set_and_the_conversation_goes_on()
    {
        var clock = new ManualClock(Noon);
        await using var connector = await ConnectorHost.StartAsync();
        await using var host = await HostAsync(clock, Sqlite(NewFolder()));
        var person = Person(host, connector, "reminder-" + Guid.NewGuid().ToString("N"));
        await person.RunTriageToSelfCareAsync();
        await person.SayAsync("yes");
        var step = await person.SayAsync("yes, let's start");

        var reply = await person.SayAsync("please remind me to do my exercises every day at 6.30pm");

        Assert.StartsWith(Text(host).Format("reminder.set", ("time", "18:30"), ("zone", "Europe/London")), reply, StringComparison.Ordinal);
        Assert.Contains(step.Split("\n\n")[^1], reply, StringComparison.Ordinal);
        Assert.Contains("Step 1 of", await person.SayAsync("done"), StringComparison.Ordinal);
    }

    private static string SqliteText(string folder)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "backcare-state.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key || json FROM state";
        using var reader = command.ExecuteReader();
        var all = new StringBuilder();
        while (reader.Read())
        {
            all.Append(reader.GetString(0));
        }

        return all.ToString();
    }

    [Fact]
    public async Task A_reminder_to_an_offline_Web_Chat_conversation_after_a_host_restart_appears_in_its_activities()
    {
        var folder = NewFolder();
        var clock = new ManualClock(Noon);
        var settings = Sqlite(folder);
        settings["BackCare:DirectLine:TokenSeconds"] = "86400";
        settings["BackCare:DirectLine:PollWaitSeconds"] = "15";
        string conversationId;
        string watermark;
        string bearer;
        string userId;
        await using (var first = await HostAsync(clock, new Dictionary<string, string?>(settings)))
        {
            using var token = await first.Client.PostAsync("/api/directline/token", new StringContent("{}", Encoding.UTF8, "application/json"));
            var issued = JObject.Parse(await token.Content.ReadAsStringAsync());
            (conversationId, bearer, userId) = ((string)issued["conversationId"]!, (string)issued["token"]!, (string)issued["userId"]!);
            var set = await OfflineAsync(first, HttpMethod.Post, conversationId, bearer, new JObject
            {
                ["type"] = "message",
                ["text"] = "remind me every day at 7pm",
                ["from"] = new JObject { ["id"] = userId },
                ["localTimezone"] = "Europe/London",
            });
            Assert.Contains(set["activities"]!, a => (string?)a["text"] == Text(first).Format("reminder.set", ("time", "19:00"), ("zone", "Europe/London")));
            watermark = (string)set["watermark"]!;
        }

        // The new host's service checks as it starts (the test's check may run alongside: the claim lets one send
        // it); the page's poll after the last activity it saw waits for the next one.
        clock.Advance(TimeSpan.FromHours(7));
        await using var second = await HostAsync(clock, new Dictionary<string, string?>(settings));
        await CheckAsync(second);
        var activities = await OfflineAsync(second, HttpMethod.Get, conversationId, bearer, watermark: watermark);

        var reminder = Assert.Single(activities["activities"]!, a => (string?)a["from"]?["role"] == "bot");
        Assert.Equal(Text(second)["reminder.message"], (string?)reminder["text"]);
        Assert.Equal("bot", (string?)reminder["from"]?["role"]);
        Assert.False(string.IsNullOrEmpty((string?)reminder["id"]));
    }

    /// <summary>A call to the host's offline Direct Line with a bearer token: a post returns the activities after it.</summary>
    private static async Task<JObject> OfflineAsync(RunningHost host, HttpMethod method, string conversationId, string bearer, JObject? activity = null, string? watermark = null)
    {
        using var request = new HttpRequestMessage(method, $"/v3/directline/conversations/{conversationId}/activities{(watermark is null ? string.Empty : "?watermark=" + watermark)}");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        if (activity is not null)
        {
            request.Content = new StringContent(activity.ToString(), Encoding.UTF8, "application/json");
        }

        using var response = await host.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        if (activity is null)
        {
            return JObject.Parse(await response.Content.ReadAsStringAsync());
        }

        return await OfflineAsync(host, HttpMethod.Get, conversationId, bearer);
    }

    /// <summary>The messages the connector received so far (typing indicators, sent while a slow turn runs, left out).</summary>
    private static List<JObject> Messages(ConnectorHost connector) => connector.Drain().Where(a => (string?)a["type"] != "typing").ToList();
}
