using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BackCare.Bot.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
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

    private static async Task<Client> ConnectAsync(RunningHost host)
    {
        using var response = await host.Client.PostAsync("/api/directline/token", new StringContent("""{"userId":"dl_tester"}""", Encoding.UTF8, "application/json"));
        var token = JObject.Parse(await response.Content.ReadAsStringAsync());
        var client = new Client(host.Client, (string)token["token"]!);
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
    public async Task Refreshing_a_token_retires_the_old_one()
    {
        await using var host = await RunningHost.StartAsync();
        var client = await ConnectAsync(host);
        var old = client.Token;

        var refreshed = await client.JsonAsync(HttpMethod.Post, "/v3/directline/tokens/refresh");
        client.Token = (string)refreshed["token"]!;
        using var withOld = await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{client.ConversationId}/activities", token: old);
        var (activities, _) = await client.ActivitiesAsync();

        Assert.NotEqual(old, client.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, withOld.StatusCode);
        Assert.Empty(activities);
    }

    [Fact]
    public async Task An_expired_token_gets_401()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?> { ["BackCare:DirectLine:TokenSeconds"] = "0" });
        using var response = await host.Client.PostAsync("/api/directline/token", null);
        var token = (string)JObject.Parse(await response.Content.ReadAsStringAsync())["token"]!;
        var client = new Client(host.Client, token);

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
        Assert.Equal("dl_person", (string?)JObject.Parse(body!)["user"]?["id"]);
        Assert.Equal("short-lived-token", (string?)token["token"]);
        Assert.Equal(endpoint, (string?)token["domain"]);
        Assert.DoesNotContain("the-direct-line-secret", text);
        using var offline = await host.Client.PostAsync("/v3/directline/tokens/generate", null);
        Assert.Equal(HttpStatusCode.NotFound, offline.StatusCode);
    }
}
