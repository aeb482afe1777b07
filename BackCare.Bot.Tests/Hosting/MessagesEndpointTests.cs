using System.Net;
using System.Text;
using BackCare.Bot.Tests.Support;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Hosting;

public class MessagesEndpointTests
{
    [Fact]
    public async Task A_conversation_with_expectReplies_gets_its_answers_in_the_response()
    {
        await using var host = await RunningHost.StartAsync();
        var conversation = Guid.NewGuid().ToString("N");

        var first = await host.ExpectRepliesAsync(Activities.Message("hi", conversation));
        var second = await host.ExpectRepliesAsync(Activities.Message("none of these", conversation));
        var third = await host.ExpectRepliesAsync(Activities.Message("34", conversation));

        Assert.Contains("safety checks", Text(first));
        Assert.Contains("How old are you", Text(second));
        Assert.Contains("Where is the pain", Text(third));
        Assert.All(first.Concat(second).Concat(third), a => Assert.Equal(conversation, (string?)a["conversation"]?["id"]));
    }

    [Fact]
    public async Task In_the_emulators_way_replies_are_posted_to_the_connector_at_the_service_url()
    {
        await using var connector = await ConnectorHost.StartAsync();
        await using var host = await RunningHost.StartAsync();
        var conversation = Guid.NewGuid().ToString("N");

        var opened = await Post(host, Activities.ConversationStarted(conversation, connector.ServiceUrl));
        var welcome = await connector.NextMessageAsync();
        var message = Activities.Message("hi", conversation, connector.ServiceUrl);
        var sent = await Post(host, message);
        var question = await connector.NextMessageAsync();

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("I'm BackCare", (string?)welcome["text"]);
        Assert.Contains("safety checks", (string?)question["text"]);
        Assert.Equal(conversation, (string?)question["_conversationInPath"]);
        Assert.Equal((string?)message["id"], (string?)question["replyToId"]);
        Assert.Equal("backcare-bot", (string?)question["from"]?["id"]);
    }

    [Fact]
    public async Task The_welcome_is_sent_once_per_conversation()
    {
        await using var host = await RunningHost.StartAsync();
        var conversation = Guid.NewGuid().ToString("N");

        var first = await host.ExpectRepliesAsync(Activities.ConversationStarted(conversation, "http://127.0.0.1:9"));
        var again = await host.ExpectRepliesAsync(Activities.ConversationStarted(conversation, "http://127.0.0.1:9"));

        Assert.Contains("I'm BackCare", Text(first));
        Assert.Empty(again);
    }

    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("[1, 2]", "JSON object")]
    [InlineData("{}", "no type")]
    [InlineData("{\"type\":\"message\",\"text\":\"hi\"}", "no channelId")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"emulator\",\"text\":\"hi\",\"from\":{\"id\":\"u\"},\"serviceUrl\":\"http://127.0.0.1:9\"}", "no conversation id")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"emulator\",\"text\":\"hi\",\"conversation\":{\"id\":\"c\"},\"serviceUrl\":\"http://127.0.0.1:9\"}", "no from.id")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"emulator\",\"text\":\"hi\",\"conversation\":{\"id\":\"c\"},\"from\":{\"id\":\"u\"}}", "no valid serviceUrl")]
    public async Task Malformed_requests_get_a_400_that_says_why(string body, string reason)
    {
        await using var host = await RunningHost.StartAsync();

        using var response = await host.Client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, text);
        Assert.DoesNotContain("   at ", text);
    }

    [Fact]
    public async Task An_oversized_request_is_refused_with_413()
    {
        await using var host = await RunningHost.StartAsync();
        var huge = Activities.Message(new string('a', 300_000), "c");

        using var response = await host.Client.PostAsync("/api/messages", new StringContent(huge.ToString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_empty_message_gets_a_polite_reply_and_loses_nothing(string empty)
    {
        await using var host = await RunningHost.StartAsync();
        var conversation = Guid.NewGuid().ToString("N");
        await host.ExpectRepliesAsync(Activities.Message("hi", conversation));

        var replies = await host.ExpectRepliesAsync(Activities.Message(empty, conversation));
        var next = await host.ExpectRepliesAsync(Activities.Message("none of these", conversation));

        Assert.Contains("didn't get any words", Text(replies));
        Assert.Contains("How old are you", Text(next));
    }

    [Fact]
    public async Task A_very_long_message_gets_a_polite_reply_and_the_question_stays_open()
    {
        await using var host = await RunningHost.StartAsync();
        var conversation = Guid.NewGuid().ToString("N");
        await host.ExpectRepliesAsync(Activities.Message("hi", conversation));

        var replies = await host.ExpectRepliesAsync(Activities.Message(string.Join(' ', Enumerable.Repeat("my back hurts", 2000)), conversation));
        var next = await host.ExpectRepliesAsync(Activities.Message("none of these", conversation));

        Assert.Contains("That's a long message", Text(replies));
        Assert.Contains("How old are you", Text(next));
    }

    [Fact]
    public async Task An_unknown_activity_type_is_accepted_and_ignored()
    {
        await using var host = await RunningHost.StartAsync();
        var odd = Activities.Message("hi", "c-odd");
        odd["type"] = "somethingNew";

        var replies = await host.ExpectRepliesAsync(odd);

        Assert.Empty(replies);
    }

    [Theory]
    [InlineData("backcare/notAThing")]
    [InlineData("task/fetch")]
    [InlineData("composeExtension/query")]
    [InlineData("signin/verifyState")]
    public async Task An_invoke_the_bot_does_not_handle_gets_200_with_an_empty_invoke_response_even_when_retried(string name)
    {
        await using var host = await RunningHost.StartAsync();
        var invoke = Activities.Message("hi", Guid.NewGuid().ToString("N"));
        invoke["type"] = "invoke";
        invoke["name"] = name;
        invoke["value"] = new JObject();
        invoke.Remove("text");

        using var first = await Post(host, invoke);
        using var retried = await Post(host, invoke);

        foreach (var response in new[] { first, retried })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task With_an_app_id_a_request_without_a_token_gets_401()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "00000000-0000-0000-0000-000000000001",
            ["MicrosoftAppPassword"] = "not-a-real-secret",
        });

        using var response = await host.Client.PostAsync("/api/messages", new StringContent(Activities.Message("hi", "c").ToString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_reports_ready_when_storage_answers()
    {
        await using var host = await RunningHost.StartAsync();

        using var response = await host.Client.GetAsync("/healthz");
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", (string?)body["status"]);
        Assert.Equal("Healthy", (string?)body["checks"]?["storage"]?["status"]);
    }

    [Fact]
    public async Task Healthz_reports_unavailable_when_storage_does_not_answer()
    {
        var storage = new Mock<IStorage>();
        storage.Setup(s => s.ReadAsync(It.IsAny<string[]>(), It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException());
        await using var host = await RunningHost.StartAsync(services: s => s.AddSingleton(storage.Object));

        using var response = await host.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    private static Task<HttpResponseMessage> Post(RunningHost host, JObject activity)
        => host.Client.PostAsync("/api/messages", new StringContent(activity.ToString(), Encoding.UTF8, "application/json"));

    private static string Text(IEnumerable<JObject> activities) => string.Join("\n", activities.Select(a => (string?)a["text"]));
}
