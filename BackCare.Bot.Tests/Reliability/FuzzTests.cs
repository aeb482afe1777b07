using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BackCare.Bot.Tests.Support;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;

namespace BackCare.Bot.Tests.Reliability;

/// <summary>
/// A bounded fuzz run in CI: generated hostile requests to every route into the bot. None may get a 5xx, and
/// the host must be healthy and still hold a conversation afterwards. Set BACKCARE_FUZZ_SEED to replay a run.
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    private const int Requests = 2_000;

    private static readonly string[] Fields =
        ["type", "id", "channelId", "serviceUrl", "text", "deliveryMode", "timestamp", "conversation", "from", "recipient", "entities", "attachments", "value", "membersAdded", "channelData", "locale", "name", "replyToId", "suggestedActions"];

    [Fact]
    public async Task Two_thousand_hostile_requests_get_no_5xx_and_the_host_stays_healthy()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("BACKCARE_FUZZ_SEED"), out var given) ? given : Random.Shared.Next();
        output.WriteLine($"fuzz seed: {seed} (set BACKCARE_FUZZ_SEED={seed} to replay)");
        Console.WriteLine($"BackCare fuzz seed: {seed}");
        var random = new Random(seed);
        await using var host = await RunningHost.StartAsync();
        using var tokenResponse = await host.Client.PostAsync("/api/directline/token", null);
        var token = JObject.Parse(await tokenResponse.Content.ReadAsStringAsync());
        var conversations = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid().ToString("N")).ToArray();

        var requests = Enumerable.Range(0, Requests).Select(i => Generate(random, i, conversations, (string)token["token"]!, (string)token["conversationId"]!)).ToList();
        var failures = new List<string>();
        using var parallel = new SemaphoreSlim(4);
        await Task.WhenAll(requests.Select(async request =>
        {
            await parallel.WaitAsync();
            try
            {
                var failure = await SendAsync(host, request);
                if (failure is not null)
                {
                    lock (failures)
                    {
                        failures.Add($"{failure} for #{request.Number} {request.Path} {request.Description}");
                    }
                }
            }
            finally
            {
                parallel.Release();
            }
        }));

        Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} responses of 500 or above, or connections broken:\n{string.Join("\n", failures.Take(20))}");
        using var health = await host.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("safety checks", await new HttpConversation(host, Guid.NewGuid().ToString("N")).SayAsync("hi"));
    }

    /// <summary>Sends one request: <c>null</c> when it was answered below 500, else what went wrong.</summary>
    private static async Task<string?> SendAsync(RunningHost host, FuzzRequest request)
    {
        try
        {
            using var response = await host.Client.SendAsync(request.Build());
            return (int)response.StatusCode >= 500 ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        }
        catch (HttpRequestException ex)
        {
            // Every body here is under the server's limit: a connection closed under one is a defect too.
            return $"no answer ({ex.InnerException?.Message ?? ex.Message})";
        }
    }

    private sealed record FuzzRequest(int Number, string Path, string Description, Func<HttpRequestMessage> Build);

    private static FuzzRequest Generate(Random random, int number, string[] conversations, string token, string directLineConversation)
    {
        var activity = Activities.Message(Words(random), conversations[random.Next(conversations.Length)]);
        activity["deliveryMode"] = random.Next(3) == 0 ? null : "expectReplies";
        var mutations = new List<string>();
        for (var m = random.Next(1, 4); m > 0; m--)
        {
            var field = Fields[random.Next(Fields.Length)];
            var value = Hostile(random);
            if (random.Next(4) == 0 && activity[field] is JObject inner)
            {
                inner["id"] = value;
                field += ".id";
            }
            else if (random.Next(6) == 0)
            {
                activity.Remove(field);
                value = "(removed)";
            }
            else
            {
                activity[field] = value;
            }

            mutations.Add($"{field}={Shorten(value.ToString(Newtonsoft.Json.Formatting.None))}");
        }

        var body = Encoding.UTF8.GetBytes(activity.ToString(Newtonsoft.Json.Formatting.None));
        var description = string.Join(", ", mutations);
        switch (random.Next(10))
        {
            case 0:
                body = RandomBytes(random, random.Next(0, 2048));
                description = "random bytes";
                break;
            case 1:
                body = Encoding.UTF8.GetBytes(new string('[', random.Next(10, 5000)));
                description = "deep nesting";
                break;
            case 2:
                body = body[..random.Next(body.Length)];
                description = "truncated: " + description;
                break;
        }

        var path = random.Next(5) switch
        {
            0 => $"/v3/directline/conversations/{directLineConversation}/activities",
            1 => "/api/directline/token",
            _ => "/api/messages",
        };
        var contentType = random.Next(12) switch
        {
            0 => "text/plain",
            1 => "application/x-www-form-urlencoded",
            2 => "application/json; charset=utf-16",
            3 => "application/json; garbage",
            _ => "application/json",
        };
        var chunked = random.Next(4) == 0;
        var authorization = random.Next(8) == 0 ? "Bearer " + new string(Words(random).Where(char.IsAscii).ToArray()) : path.StartsWith("/v3/", StringComparison.Ordinal) ? $"Bearer {token}" : null;
        return new FuzzRequest(number, path, $"[{contentType}{(chunked ? ", chunked" : string.Empty)}] {description}", () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path);
            HttpContent content = chunked ? new ChunkedContent(body) : new ByteArrayContent(body);
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            request.Content = content;
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            return request;
        });
    }

    private static JToken Hostile(Random random) => random.Next(16) switch
    {
        0 => new JObject(),
        1 => new JArray(),
        2 => new JArray(1, "x", JValue.CreateNull()),
        3 => random.Next(),
        4 => random.NextDouble() * 1e300,
        5 => true,
        6 => JValue.CreateNull(),
        7 => new string('a', random.Next(1, 300_000)),
        8 => "\u0000\uFFFF\uD800",
        9 => "http://127.0.0.1:9",
        10 => "https://example.com/../../etc/passwd",
        11 => new JObject { ["id"] = new JArray(), ["$type"] = "System.Diagnostics.Process, System" },
        12 => new JArray(new JObject { ["type"] = "mention" }, new JObject { ["type"] = "mention", ["mentioned"] = 5, ["text"] = "" }),
        13 => "9999-99-99T99:99:99",
        14 => new JObject { ["text"] = new JObject() },
        _ => Words(random),
    };

    private static string Words(Random random)
    {
        string[] words = ["hi", "yes", "no", "start over", "help", "summary", "delete my data", "10", "5 days", "none of these", "😀", "<at>x</at>", "'; DROP TABLE state; --"];
        return string.Join(' ', Enumerable.Range(0, random.Next(1, 4)).Select(_ => words[random.Next(words.Length)]));
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Shorten(string value) => value.Length > 60 ? value[..60] + "…" : value;
}
