using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BackCare.Bot.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Channels;

/// <summary>The host's offline Direct Line 3.0 endpoint, spoken to the way Web Chat's DirectLineJS does (polling).</summary>
public class DirectLineProtocolTests
{
    private sealed class Client(HttpClient http, string token)
    {
        public string Token { get; set; } = token;

        public string UserId { get; set; } = string.Empty;

        public string UserTicket { get; set; } = string.Empty;

        public string ConversationId { get; set; } = string.Empty;

        public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JObject? body = null, string? token = null)
        {
            var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token);
            if (body is not null)
            {
                request.Content = new StringContent(body.ToString(), Encoding.UTF8, "application/json");
            }

            return http.SendAsync(request);
        }

        public async Task<JObject> JsonAsync(HttpMethod method, string path, JObject? body = null)
        {
            using var response = await SendAsync(method, path, body);
            Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode}");
            return JObject.Parse(await response.Content.ReadAsStringAsync());
        }

        public async Task<(List<JObject> Activities, string Watermark)> ActivitiesAsync(string? watermark = null)
        {
            var body = await JsonAsync(HttpMethod.Get, $"/v3/directline/conversations/{ConversationId}/activities{(watermark is null ? string.Empty : $"?watermark={watermark}")}");
            return (body["activities"]!.Select(a => (JObject)a).ToList(), (string)body["watermark"]!);
        }

        public Task<JObject> PostAsync(JObject activity) => JsonAsync(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/activities", activity);
    }

    private static async Task<JObject> TokenAsync(RunningHost host, string body = "{}")
    {
        using var response = await host.Client.PostAsync("/api/directline/token", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JObject.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<Client> ConnectAsync(RunningHost host, string body = """{"userId":"dl_tester"}""")
    {
        var token = await TokenAsync(host, body);
        var client = new Client(host.Client, (string)token["token"]!) { UserId = (string)token["userId"]!, UserTicket = (string)token["userTicket"]! };
        using var started = await client.SendAsync(HttpMethod.Post, "/v3/directline/conversations");
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        client.ConversationId = (string)JObject.Parse(await started.Content.ReadAsStringAsync())["conversationId"]!;
        Assert.Equal((string)token["conversationId"]!, client.ConversationId);
        Assert.EndsWith("/v3/directline", (string)token["domain"]!);
        Assert.False((bool)token["webSocket"]!);
        return client;
    }

    private static JObject Message(string text, string clientActivityId) => new()
    {
        ["type"] = "message",
        ["text"] = text,
        ["from"] = new JObject { ["id"] = "dl_tester", ["role"] = "user" },
        ["channelData"] = new JObject { ["clientActivityID"] = clientActivityId },
    };

    [Fact]
    public async Task The_join_event_gets_the_greeting_with_a_server_id_a_timestamp_and_the_bot_role()
    {
        await using var host = await RunningHost.StartAsync();
        var client = await ConnectAsync(host);

        await client.PostAsync(new JObject { ["type"] = "event", ["name"] = "webchat/join", ["from"] = new JObject { ["id"] = "dl_tester" } });
        var (activities, watermark) = await client.ActivitiesAsync();

        var greeting = activities.Single(a => (string?)a["type"] == "message");
        Assert.Contains("I'm BackCare", (string?)greeting["text"]);
        Assert.Equal("bot", (string?)greeting["from"]?["role"]);
        Assert.False(string.IsNullOrEmpty((string?)greeting["id"]));
        Assert.True(DateTimeOffset.TryParse((string?)greeting["timestamp"], out _));
        Assert.Equal(client.ConversationId, (string?)greeting["conversation"]?["id"]);
        Assert.Equal(activities.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), watermark);
    }

    [Fact]
    public async Task The_users_message_is_echoed_with_its_client_activity_id_and_the_watermark_moves_on()
    {
        await using var host = await RunningHost.StartAsync();
        var client = await ConnectAsync(host);

        var posted = await client.PostAsync(Message("hi", "client-1"));
        var (first, watermark) = await client.ActivitiesAsync();
        await client.PostAsync(Message("none of these", "client-2"));
        var (second, _) = await client.ActivitiesAsync(watermark);

        var echo = first[0];
        Assert.Equal((string?)posted["id"], (string?)echo["id"]);
        Assert.Equal("client-1", (string?)echo["channelData"]?["clientActivityID"]);
        Assert.Equal("user", (string?)echo["from"]?["role"]);
        Assert.Contains(first, a => ((string?)a["text"] ?? string.Empty).Contains("safety checks", StringComparison.Ordinal));
        Assert.Equal("client-2", (string?)second[0]["channelData"]?["clientActivityID"]);
        Assert.DoesNotContain(second, a => (string?)a["channelData"]?["clientActivityID"] == "client-1");
        Assert.Contains(second, a => ((string?)a["text"] ?? string.Empty).Contains("How old are you", StringComparison.Ordinal));
        Assert.All(second.Skip(1), a => Assert.Equal((string?)second[0]["id"], (string?)a["replyToId"]));
    }

    [Fact]
    public async Task A_poll_that_finds_nothing_new_waits_and_gets_the_message_and_its_answer_together_as_soon_as_they_are_written()
    {
        // A wait far longer than the test: the poll can only come back with activities if a new one woke it.
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?> { ["BackCare:DirectLine:PollWaitSeconds"] = "15" });
        var client = await ConnectAsync(host);
        await client.PostAsync(new JObject { ["type"] = "event", ["name"] = "webchat/join", ["from"] = new JObject { ["id"] = "dl_tester" } });
        var (_, watermark) = await client.ActivitiesAsync();

        var polling = client.ActivitiesAsync(watermark);
        await Task.Delay(200); // Give the poll time to reach the host (it would answer empty, were it not waiting).
        await client.PostAsync(Message("hi", "c-1"));
        var (arrived, next) = await polling;

        Assert.Equal("c-1", (string?)arrived[0]["channelData"]?["clientActivityID"]);
        Assert.Contains(arrived, a => (string?)a["from"]?["role"] == "bot" && ((string?)a["text"] ?? string.Empty).Contains("safety checks", StringComparison.Ordinal));
        Assert.True(int.Parse(next, System.Globalization.CultureInfo.InvariantCulture) > int.Parse(watermark, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_poll_without_a_watermark_answers_at_once_and_one_with_nothing_new_answers_with_nothing_after_its_wait()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?> { ["BackCare:DirectLine:PollWaitSeconds"] = "1" });
        var client = await ConnectAsync(host);

        var (all, watermark) = await client.ActivitiesAsync();
        var (none, same) = await client.ActivitiesAsync(watermark);

        Assert.Empty(all);
        Assert.Empty(none);
        Assert.Equal(watermark, same);
    }

    [Fact]
    public async Task Reconnecting_gives_the_same_conversation_and_token_and_the_watermark_the_host_has_reached()
    {
        await using var host = await RunningHost.StartAsync();
        var client = await ConnectAsync(host);
        await client.PostAsync(Message("hi", "c-1"));
        var (activities, watermark) = await client.ActivitiesAsync();

        var reconnected = await client.JsonAsync(HttpMethod.Get, $"/v3/directline/conversations/{client.ConversationId}?watermark=");

        Assert.Equal(client.ConversationId, (string?)reconnected["conversationId"]);
        Assert.Equal(client.Token, (string?)reconnected["token"]);
        Assert.Equal(watermark, (string?)reconnected["watermark"]);
        Assert.Equal(activities.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), watermark);
    }

    [Fact]
    public async Task One_conversations_token_cannot_read_or_write_another_conversation()
    {
        await using var host = await RunningHost.StartAsync();
        var alice = await ConnectAsync(host);
        var bob = await ConnectAsync(host);
        await alice.PostAsync(Message("hi", "a-1"));

        using var read = await bob.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{alice.ConversationId}/activities");
        using var write = await bob.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{alice.ConversationId}/activities", Message("sneaky", "b-1"));
        var (aliceSees, _) = await alice.ActivitiesAsync();

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.DoesNotContain(aliceSees, a => (string?)a["text"] == "sneaky");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task A_missing_or_unknown_token_gets_401(string? token)
    {
        await using var host = await RunningHost.StartAsync();
        var client = await ConnectAsync(host);
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{client.ConversationId}/activities");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_refreshed_token_leaves_the_old_one_valid_for_the_grace_period_only()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var host = await RunningHost.StartAsync(
            new Dictionary<string, string?> { ["BackCare:DirectLine:RefreshGraceSeconds"] = "30" },
            services: s => s.AddSingleton<TimeProvider>(clock));
        var client = await ConnectAsync(host);
        var old = client.Token;

        var refreshed = await client.JsonAsync(HttpMethod.Post, "/v3/directline/tokens/refresh");
        client.Token = (string)refreshed["token"]!;
        var path = $"/v3/directline/conversations/{client.ConversationId}/activities";
        using var oldInGrace = await client.SendAsync(HttpMethod.Get, path, token: old);
        clock.Advance(TimeSpan.FromSeconds(29));
        using var oldAtEndOfGrace = await client.SendAsync(HttpMethod.Get, path, token: old);
        clock.Advance(TimeSpan.FromSeconds(2));
        using var oldAfterGrace = await client.SendAsync(HttpMethod.Get, path, token: old);
        using var newAfterGrace = await client.SendAsync(HttpMethod.Get, path);

        Assert.NotEqual(old, client.Token);
        Assert.Equal(client.ConversationId, (string?)refreshed["conversationId"]);
        Assert.Equal(
            (HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.OK),
            (oldInGrace.StatusCode, oldAtEndOfGrace.StatusCode, oldAfterGrace.StatusCode, newAfterGrace.StatusCode));
    }

    [Fact]
    public async Task The_user_id_is_issued_by_the_server_inside_the_token_and_only_a_verified_ticket_gets_it_again()
    {
        await using var host = await RunningHost.StartAsync();

        var first = await TokenAsync(host, """{"userId":"dl_someone_else"}""");
        var userId = (string)first["userId"]!;
        var again = await TokenAsync(host, new JObject { ["userTicket"] = first["userTicket"] }.ToString());
        var ticket = (string)first["userTicket"]!;
        var tampered = await TokenAsync(host, new JObject { ["userTicket"] = ticket[..^2] + (ticket[^2] == 'A' ? "BA" : "AA") }.ToString());
        var madeUp = await TokenAsync(host, new JObject { ["userTicket"] = "dl_someone_else" }.ToString());

        Assert.StartsWith("dl_", userId, StringComparison.Ordinal);
        Assert.NotEqual("dl_someone_else", userId);
        Assert.Equal(userId, UserInToken((string)first["token"]!));
        Assert.Equal(userId, (string?)again["userId"]);
        Assert.Equal(userId, UserInToken((string)again["token"]!));
        Assert.NotEqual((string?)first["conversationId"], (string?)again["conversationId"]);
        Assert.NotEqual(userId, (string?)tampered["userId"]);
        Assert.NotEqual(userId, (string?)madeUp["userId"]);
        Assert.NotEqual("dl_someone_else", (string?)madeUp["userId"]);
    }

    [Fact]
    public async Task With_the_sqlite_store_a_ticket_names_the_same_person_after_a_restart_its_keys_kept_next_to_the_store()
    {
        var data = Directory.CreateTempSubdirectory("backcare-keys-");
        var settings = new Dictionary<string, string?> { ["BackCare:Storage:Provider"] = "Sqlite", ["BackCare:Storage:DataFolder"] = data.FullName };
        try
        {
            JObject first;
            await using (var before = await RunningHost.StartAsync(settings))
            {
                first = await TokenAsync(before);
            }

            await using var after = await RunningHost.StartAsync(settings);
            var again = await TokenAsync(after, new JObject { ["userTicket"] = first["userTicket"] }.ToString());

            Assert.Equal((string?)first["userId"], (string?)again["userId"]);
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(data.FullName, "keys"), "key-*.xml"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                data.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is not a test failure.
            }
        }
    }

    [Fact]
    public async Task Posting_as_another_persons_id_acts_as_the_caller_and_gets_only_the_callers_own_data()
    {
        await using var host = await RunningHost.StartAsync();
        var alice = await ConnectAsync(host, "{}");
        var mallory = await ConnectAsync(host, "{}");
        var stranger = await ConnectAsync(host, "{}");
        await alice.PostAsync(Message("hi", "a-1"));
        await alice.PostAsync(Message("none of these", "a-2"));
        var storage = host.Services.GetRequiredService<IStorage>();
        var aliceKey = $"webchat/conversations/{alice.ConversationId}";
        var aliceBefore = Newtonsoft.Json.JsonConvert.SerializeObject((await storage.ReadAsync([aliceKey]))[aliceKey]);

        JObject AsAlice(string text, string clientId)
        {
            var message = Message(text, clientId);
            message["from"] = new JObject { ["id"] = alice.UserId, ["name"] = "Alice", ["role"] = "user" };
            return message;
        }

        await mallory.PostAsync(AsAlice("summary", "m-1"));
        var (mallorySummary, watermark) = await mallory.ActivitiesAsync();
        await mallory.PostAsync(AsAlice("delete my data", "m-2"));
        var (malloryDelete, _) = await mallory.ActivitiesAsync(watermark);
        await stranger.PostAsync(Message("summary", "s-1"));
        var (strangerSummary, _) = await stranger.ActivitiesAsync();
        var aliceAfter = await storage.ReadAsync([aliceKey]);

        var malloryGot = mallorySummary.Concat(malloryDelete).ToList();
        Assert.Equal([mallory.UserId, mallory.UserId], malloryGot.Where(a => (string?)a["from"]?["role"] == "user").Select(a => (string?)a["from"]?["id"]));
        Assert.All(malloryGot.Where(a => (string?)a["from"]?["role"] == "bot"), a => Assert.Equal(mallory.UserId, (string?)a["recipient"]?["id"]));
        Assert.Equal(BotTexts(strangerSummary), BotTexts(mallorySummary));
        Assert.Equal(aliceBefore, Newtonsoft.Json.JsonConvert.SerializeObject(Assert.Single(aliceAfter).Value));
    }

    private static List<string> BotTexts(IEnumerable<JObject> activities)
        => activities.Where(a => (string?)a["from"]?["role"] == "bot" && (string?)a["type"] == "message").Select(a => (string?)a["text"] ?? a["attachments"]?.ToString() ?? string.Empty).ToList();

    [Fact]
    public async Task A_conversation_keeps_at_most_its_cap_of_activities_the_newest_ones_and_the_watermark_keeps_counting()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?> { ["BackCare:DirectLine:MaxActivitiesPerConversation"] = "5" });
        var client = await ConnectAsync(host);

        for (var i = 1; i <= 6; i++)
        {
            await client.PostAsync(Message(i == 1 ? "hi" : "help", $"c-{i}"));
        }

        var (kept, watermark) = await client.ActivitiesAsync();
        var (none, sameWatermark) = await client.ActivitiesAsync(watermark);

        Assert.Equal(5, kept.Count);
        Assert.Contains(kept, a => (string?)a["channelData"]?["clientActivityID"] == "c-6");
        Assert.DoesNotContain(kept, a => (string?)a["channelData"]?["clientActivityID"] == "c-1");
        Assert.True(int.Parse(watermark, System.Globalization.CultureInfo.InvariantCulture) > 5, watermark);
        Assert.Empty(none);
        Assert.Equal(watermark, sameWatermark);
    }

    [Fact]
    public async Task A_conversation_keeps_at_most_its_cap_of_bytes()
    {
        const int Cap = 60_000;
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?> { ["BackCare:DirectLine:MaxTranscriptBytes"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var client = await ConnectAsync(host);

        for (var i = 1; i <= 8; i++)
        {
            await client.PostAsync(Message(new string('x', 20_000) + i, $"big-{i}"));
        }

        var (kept, _) = await client.ActivitiesAsync();

        var bytes = kept.Sum(a => Encoding.UTF8.GetByteCount(a.ToString(Newtonsoft.Json.Formatting.None)));
        Assert.InRange(bytes, 1, Cap);
        Assert.Contains(kept, a => (string?)a["channelData"]?["clientActivityID"] == "big-8");
        Assert.DoesNotContain(kept, a => (string?)a["channelData"]?["clientActivityID"] == "big-1");
    }

    [Fact]
    public async Task The_token_routes_are_rate_limited_per_client_and_conversations_already_open_carry_on()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?> { ["BackCare:DirectLine:TokenRequestsPerMinute"] = "3" });
        var client = await ConnectAsync(host);
        await TokenAsync(host);
        await TokenAsync(host);

        using var page = await host.Client.PostAsync("/api/directline/token", new StringContent("{}", Encoding.UTF8, "application/json"));
        using var generate = await host.Client.PostAsync("/v3/directline/tokens/generate", null);
        var posted = await client.PostAsync(Message("hi", "c-1"));

        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.True(page.Headers.RetryAfter is not null, "429 without Retry-After");
        Assert.Equal(HttpStatusCode.TooManyRequests, generate.StatusCode);
        Assert.False(string.IsNullOrEmpty((string?)posted["id"]));
    }

    [Fact]
    public async Task Beyond_the_cap_the_least_recently_used_conversation_leaves_memory_only_and_comes_back_with_its_transcript()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?> { ["BackCare:DirectLine:MaxConversations"] = "3" });
        var directLine = host.Services.GetRequiredService<BackCare.Bot.DirectLine.OfflineDirectLine>();
        var a = await ConnectAsync(host);
        await a.PostAsync(new JObject { ["type"] = "event", ["name"] = "webchat/join", ["from"] = new JObject { ["id"] = "dl_tester" } });
        await a.PostAsync(Message("hello", "a-1"));
        var (before, _) = await a.ActivitiesAsync();
        var b = await ConnectAsync(host);
        var c = await ConnectAsync(host);

        var d = await ConnectAsync(host);
        var aLeftMemory = !directLine.Contains(a.ConversationId);
        var afterD = await StatusesAsync(a, b, c, d);
        var (after, _) = await a.ActivitiesAsync();

        Assert.True(aLeftMemory, "the least recently used conversation should leave memory beyond the cap");
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], afterD);
        Assert.Contains(before, x => (string?)x["text"] == "hello");
        Assert.Equal(before.Select(x => (string?)x["id"]), after.Select(x => (string?)x["id"]));
        Assert.True(directLine.Count <= 3, $"{directLine.Count} conversations in memory beyond the cap of 3");
    }

    private static async Task<List<HttpStatusCode>> StatusesAsync(params Client[] clients)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var client in clients)
        {
            using var response = await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{client.ConversationId}/activities");
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    private static string UserInToken(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        return (string)JObject.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)))["user"]!;
    }

    [Fact]
    public async Task An_expired_token_gets_401()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var host = await RunningHost.StartAsync(
            new Dictionary<string, string?> { ["BackCare:DirectLine:TokenSeconds"] = "60" },
            services: s => s.AddSingleton<TimeProvider>(clock));
        using var response = await host.Client.PostAsync("/api/directline/token", null);
        var token = (string)JObject.Parse(await response.Content.ReadAsStringAsync())["token"]!;
        var client = new Client(host.Client, token);
        clock.Advance(TimeSpan.FromSeconds(61));

        using var started = await client.SendAsync(HttpMethod.Post, "/v3/directline/conversations");

        Assert.Equal(HttpStatusCode.Unauthorized, started.StatusCode);
    }

    [Fact]
    public async Task A_malformed_activity_gets_400()
    {
        await using var host = await RunningHost.StartAsync();
        var client = await ConnectAsync(host);

        using var response = await client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{client.ConversationId}/activities", new JObject { ["text"] = "no type" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task With_an_app_id_the_offline_endpoint_is_not_there()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "00000000-0000-0000-0000-000000000001",
            ["MicrosoftAppPassword"] = "x",
        });

        using var response = await host.Client.PostAsync("/v3/directline/tokens/generate", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task With_a_secret_the_token_comes_from_direct_line_and_the_secret_stays_on_the_server()
    {
        // A stand-in for the Azure Direct Line service on 127.0.0.1, which records what it was sent.
        string? authorization = null;
        string? body = null;
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.ClearProviders();
        await using var directLine = builder.Build();
        directLine.MapPost("/v3/directline/tokens/generate", async (HttpContext context) =>
        {
            authorization = context.Request.Headers.Authorization;
            body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            return Results.Json(new { conversationId = "azure-conversation", token = "short-lived-token", expires_in = 3600 });
        });
        await directLine.StartAsync();
        var endpoint = directLine.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/v3/directline";
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?>
        {
            ["BackCare:DirectLine:Secret"] = "the-direct-line-secret",
            ["BackCare:DirectLine:Endpoint"] = endpoint,
        });

        using var response = await host.Client.PostAsync("/api/directline/token", new StringContent("""{"userId":"dl_person"}""", Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        var token = JObject.Parse(text);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer the-direct-line-secret", authorization);
        Assert.StartsWith("dl_", (string?)token["userId"], StringComparison.Ordinal);
        Assert.NotEqual("dl_person", (string?)token["userId"]);
        Assert.Equal((string?)token["userId"], (string?)JObject.Parse(body!)["user"]?["id"]);
        Assert.Equal("short-lived-token", (string?)token["token"]);
        Assert.Equal(endpoint, (string?)token["domain"]);
        Assert.DoesNotContain("the-direct-line-secret", text);
        using var offline = await host.Client.PostAsync("/v3/directline/tokens/generate", null);
        Assert.Equal(HttpStatusCode.NotFound, offline.StatusCode);
    }
}
