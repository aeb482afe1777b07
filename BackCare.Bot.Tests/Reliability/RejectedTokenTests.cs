using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using BackCare.Bot.Hosting;
using BackCare.Bot.Tests.Support;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Reliability;

/// <summary>With an app id, every token that is not a valid channel token gets a 401, and a short, bounded log.</summary>
public class RejectedTokenTests
{
    private const string AppId = "00000000-0000-0000-0000-000000000001";

    // The SDK is pointed at an address where nothing listens, so no test ever reaches out for real keys.
    private static readonly Dictionary<string, string?> Authenticated = new()
    {
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = "not-a-real-secret",
        ["ToBotFromChannelOpenIdMetadataUrl"] = "https://127.0.0.1:9/v1/.well-known/openidconfiguration",
        ["ToBotFromEmulatorOpenIdMetadataUrl"] = "https://127.0.0.1:9/v1/.well-known/openidconfiguration",
        ["ToBotFromChannelTokenIssuer"] = "https://api.botframework.com",
        ["ToChannelFromBotLoginUrl"] = "https://login.microsoftonline.com/botframework.com",
        ["ToChannelFromBotOAuthScope"] = "https://api.botframework.com",
        ["OAuthUrl"] = "https://api.botframework.com",
    };

    public static TheoryData<string, string> Tokens()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        JObject Claims(long notBefore, long expires) => new()
        {
            ["iss"] = "https://api.botframework.com",
            ["aud"] = AppId,
            ["serviceurl"] = "http://127.0.0.1:9",
            ["nbf"] = notBefore,
            ["exp"] = expires,
        };
        using var rsa = RSA.Create(2048);
        return new TheoryData<string, string>
        {
            { "junk", "Bearer x" },
            { "not bearer", "Basic dXNlcjpwYXNz" },
            { "alg none", $"Bearer {Jwt(new JObject { ["alg"] = "none", ["typ"] = "JWT" }, Claims(now - 60, now + 3600), null)}" },
            { "HS256 with a guessable key", $"Bearer {Jwt(new JObject { ["alg"] = "HS256", ["typ"] = "JWT" }, Claims(now - 60, now + 3600), d => HMACSHA256.HashData(Encoding.UTF8.GetBytes(AppId), d))}" },
            { "RS256 with an unknown key", $"Bearer {Jwt(new JObject { ["alg"] = "RS256", ["kid"] = "forged" }, Claims(now - 60, now + 3600), d => rsa.SignData(d, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))}" },
            { "expired", $"Bearer {Jwt(new JObject { ["alg"] = "RS256", ["kid"] = "forged" }, Claims(now - 7200, now - 3600), d => rsa.SignData(d, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))}" },
            { "not yet valid", $"Bearer {Jwt(new JObject { ["alg"] = "RS256", ["kid"] = "forged" }, Claims(now + 3600, now + 7200), d => rsa.SignData(d, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))}" },
            { "jku and jwk", $"Bearer {Jwt(new JObject { ["alg"] = "RS256", ["jku"] = "http://127.0.0.1:9/keys", ["jwk"] = new JObject { ["kty"] = "RSA" } }, Claims(now - 60, now + 3600), d => rsa.SignData(d, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))}" },
            { "three dots of garbage", "Bearer ..." },
            { "empty header and claims", "Bearer e30.e30." },
        };
    }

    [Theory]
    [MemberData(nameof(Tokens))]
    public async Task A_rejected_token_is_a_401_with_one_short_log_line(string kind, string authorization)
    {
        var logs = new CapturedLogs();
        await using var host = await RunningHost.StartAsync(Authenticated, logs: logs);

        using var response = await PostAsync(host, authorization);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{kind}: {(int)response.StatusCode} {body}");
        Assert.DoesNotContain("   at ", body);
        var line = Assert.Single(logs.Lines, l => l.Contains("/api/messages", StringComparison.Ordinal));
        Assert.Contains("token was not accepted", line);
        Assert.DoesNotContain("\n", line.Trim());
        Assert.DoesNotContain(" at ", line);
        Assert.DoesNotContain(logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hundreds_of_junk_tokens_cannot_flood_the_log()
    {
        var logs = new CapturedLogs();
        await using var host = await RunningHost.StartAsync(Authenticated, logs: logs);

        for (var i = 0; i < 300; i++)
        {
            using var response = await PostAsync(host, i % 2 == 0 ? "Bearer x" : $"Bearer a{i}.b.c");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.InRange(logs.Lines.Count(l => l.Contains("token was not accepted", StringComparison.Ordinal)), 1, RejectedTokenLog.LinesPerMinute);
        Assert.True(logs.Lines.Count < 40, $"{logs.Lines.Count} log lines:\n{logs.All}");
    }

    private static Task<HttpResponseMessage> PostAsync(RunningHost host, string authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(Activities.Message("hi", Guid.NewGuid().ToString("N")).ToString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return host.Client.SendAsync(request);
    }

    private static string Jwt(JObject header, JObject claims, Func<byte[], byte[]>? sign)
    {
        var signed = $"{Base64Url(Encoding.UTF8.GetBytes(header.ToString(Newtonsoft.Json.Formatting.None)))}.{Base64Url(Encoding.UTF8.GetBytes(claims.ToString(Newtonsoft.Json.Formatting.None)))}";
        return $"{signed}.{(sign is null ? string.Empty : Base64Url(sign(Encoding.ASCII.GetBytes(signed))))}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
