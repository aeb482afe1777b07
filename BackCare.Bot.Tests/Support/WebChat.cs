using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Support;

/// <summary>A Web Chat page on the host's offline Direct Line endpoint: token (with the kept user ticket), conversation, messages, transcript.</summary>
public sealed class WebChat
{
    private readonly HttpClient _http;
    private int _sent;

    private WebChat(HttpClient http, JObject token)
    {
        _http = http;
        Token = (string)token["token"]!;
        UserId = (string)token["userId"]!;
        Ticket = (string)token["userTicket"]!;
        ConversationId = (string)token["conversationId"]!;
    }

    public string Token { get; }

    public string UserId { get; }

    public string Ticket { get; }

    public string ConversationId { get; }

    /// <summary>Asks for a token as the page does (with the ticket it kept, if any) and starts the conversation.</summary>
    public static async Task<WebChat> ConnectAsync(RunningHost host, string? ticket)
    {
        var body = ticket is null ? new JObject() : new JObject { ["userTicket"] = ticket };
        using var response = await host.Client.PostAsync("/api/directline/token", new StringContent(body.ToString(), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        var page = new WebChat(host.Client, JObject.Parse(await response.Content.ReadAsStringAsync()));
        using var started = await page.SendAsync(HttpMethod.Post, "/v3/directline/conversations");
        started.EnsureSuccessStatusCode();
        return page;
    }

    public async Task PostAsync(string text)
    {
        var activity = new JObject
        {
            ["type"] = "message",
            ["text"] = text,
            ["from"] = new JObject { ["id"] = UserId, ["role"] = "user" },
            ["channelData"] = new JObject { ["clientActivityID"] = $"page-{Interlocked.Increment(ref _sent)}" },
        };
        using var response = await SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/activities", activity);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Every activity the conversation still holds.</summary>
    public async Task<List<JObject>> TranscriptAsync()
    {
        using var response = await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{ConversationId}/activities");
        response.EnsureSuccessStatusCode();
        return JObject.Parse(await response.Content.ReadAsStringAsync())["activities"]!.Select(a => (JObject)a).ToList();
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JObject? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToString(), Encoding.UTF8, "application/json");
        }

        return _http.SendAsync(request);
    }
}
