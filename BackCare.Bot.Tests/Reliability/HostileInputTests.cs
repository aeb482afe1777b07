using System.Net;
using System.Text;
using BackCare.Bot.Hosting;
using BackCare.Bot.Tests.Support;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Reliability;

/// <summary>What a request body can do to /api/messages: at worst a 4xx that names what is wrong.</summary>
public class HostileInputTests
{
    [Theory]
    [InlineData("type", "{}", "'type'")]
    [InlineData("type", "[]", "'type'")]
    [InlineData("channelId", "42", "'channelId'")]
    [InlineData("conversation", "\"c\"", "'conversation'")]
    [InlineData("conversation", "{\"id\":[]}", "'conversation.id'")]
    [InlineData("from", "{\"id\":{}}", "'from.id'")]
    [InlineData("recipient", "[]", "'recipient'")]
    [InlineData("serviceUrl", "{}", "'serviceUrl'")]
    [InlineData("text", "{\"a\":1}", "'text'")]
    [InlineData("entities", "{}", "'entities'")]
    [InlineData("entities", "[1]", "'entities'")]
    [InlineData("timestamp", "\"not a time\"", "'timestamp'")]
    [InlineData("membersAdded", "[\"x\"]", "'membersAdded'")]
    public async Task A_field_of_the_wrong_type_gets_a_400_that_names_it(string field, string value, string named)
    {
        await using var host = await RunningHost.StartAsync();
        var activity = Activities.Message("hi", Guid.NewGuid().ToString("N"));
        activity[field] = JToken.Parse(value);

        using var response = await PostAsync(host, activity.ToString());
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("ftp://127.0.0.1/x")]
    [InlineData("/relative")]
    public async Task ExpectReplies_without_a_usable_serviceUrl_gets_a_400(string? serviceUrl)
    {
        await using var host = await RunningHost.StartAsync();
        var activity = Activities.Message("hi", Guid.NewGuid().ToString("N"));
        activity["serviceUrl"] = serviceUrl;
        activity["deliveryMode"] = "expectReplies";

        using var response = await PostAsync(host, activity.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'serviceUrl'", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_teams_message_without_a_recipient_or_with_a_mention_without_mentioned_is_answered()
    {
        await using var host = await RunningHost.StartAsync();
        var noRecipient = Activities.Message("hi", Guid.NewGuid().ToString("N"), channelId: "msteams");
        noRecipient.Remove("recipient");
        var oddMention = Activities.Message("<at>BackCare</at> hi", Guid.NewGuid().ToString("N"), channelId: "msteams");
        oddMention["entities"] = new JArray(new JObject { ["type"] = "mention", ["text"] = "<at>BackCare</at>" }, new JObject { ["type"] = "mention", ["mentioned"] = "x" });

        var first = await host.ExpectRepliesAsync(noRecipient);
        var second = await host.ExpectRepliesAsync(oddMention);

        Assert.Contains("safety checks", string.Join("\n", first.Select(HttpConversation.TextOf)));
        Assert.NotEmpty(second);
        Assert.DoesNotContain(Language.Text[AdapterWithErrorHandler.TurnFailedPhrase], string.Join("\n", second.Select(HttpConversation.TextOf)));
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_in_bytes_is_refused_with_413()
    {
        await using var host = await RunningHost.StartAsync();

        // 80,000 emoji: 320 KB, though only 160,000 UTF-16 characters (the old limit counted characters).
        var activity = Activities.Message(string.Concat(Enumerable.Repeat("😀", 80_000)), Guid.NewGuid().ToString("N"));
        using var response = await host.Client.PostAsync("/api/messages", ChunkedContent.Json(activity.ToString()));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/messages")]
    [InlineData("direct line")]
    public async Task A_chunked_body_over_the_limit_gets_its_413_and_the_connection_stays_open(string route)
    {
        // A client that streams a body past the limit must read a 413, not a broken pipe: the server reads
        // the rest of the body (up to its own limit) instead of closing the connection under the client.
        await using var host = await RunningHost.StartAsync();
        var (path, authorization) = await RouteAsync(host, route);
        var body = Encoding.UTF8.GetBytes(Activities.Message(new string('a', 600_000), Guid.NewGuid().ToString("N")).ToString());
        await using var connection = await RawHttpConnection.OpenAsync(host.BaseAddress);

        await connection.SendChunkedAsync(path, body, "application/json", authorization);
        var (refused, head) = await connection.ReadResponseAsync();
        await connection.SendChunkedAsync(path, "{}"u8.ToArray(), "application/json", authorization);
        var (next, _) = await connection.ReadResponseAsync();

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, refused);
        Assert.DoesNotContain("Connection: close", head, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(StatusCodes.Status400BadRequest, next);
    }

    private static async Task<(string Path, string? Authorization)> RouteAsync(RunningHost host, string route)
    {
        if (route != "direct line")
        {
            return (route, null);
        }

        using var response = await host.Client.PostAsync("/api/directline/token", new StringContent("{}", Encoding.UTF8, "application/json"));
        var token = JObject.Parse(await response.Content.ReadAsStringAsync());
        return ($"/v3/directline/conversations/{token["conversationId"]}/activities", $"Bearer {token["token"]}");
    }

    [Fact]
    public async Task A_chunked_body_under_the_limit_is_read()
    {
        await using var host = await RunningHost.StartAsync();
        var activity = Activities.Message("hi", Guid.NewGuid().ToString("N"));
        activity["deliveryMode"] = "expectReplies";

        using var response = await host.Client.PostAsync("/api/messages", ChunkedContent.Json(activity.ToString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("safety checks", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task Only_json_is_accepted(string contentType)
    {
        await using var host = await RunningHost.StartAsync();
        var activity = Activities.Message("delete my data", Guid.NewGuid().ToString("N"));
        using var content = new StringContent(activity.ToString(), Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        using var response = await host.Client.PostAsync("/api/messages", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("http://example.com/")]
    [InlineData("https://smba.trafficmanager.net/amer/")]
    [InlineData("http://10.0.0.1:3978/")]
    [InlineData("http://127.0.0.1.example.com/")]
    public async Task In_local_mode_replies_go_only_to_loopback_service_urls(string serviceUrl)
    {
        await using var connector = await ConnectorHost.StartAsync();
        await using var host = await RunningHost.StartAsync();

        using var refused = await PostAsync(host, Activities.Message("hi", Guid.NewGuid().ToString("N"), serviceUrl).ToString());
        using var accepted = await PostAsync(host, Activities.Message("hi", Guid.NewGuid().ToString("N"), connector.ServiceUrl).ToString());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("loopback", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("safety checks", (string?)(await connector.NextMessageAsync())["text"]);
    }

    private static Task<HttpResponseMessage> PostAsync(RunningHost host, string body)
        => host.Client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
}
