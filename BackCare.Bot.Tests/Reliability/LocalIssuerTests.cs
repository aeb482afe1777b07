using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using BackCare.Bot.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Reliability;

/// <summary>
/// The real host, as its own process, authenticating channel tokens against a local OpenID issuer: the SDK is
/// pointed at it through its own settings (ToBotFromChannelOpenIdMetadataUrl), and trusts its HTTPS certificate
/// through OpenSSL's per-process trust (SSL_CERT_FILE), because the SDK fetches keys with its own HttpClient.
/// </summary>
public class LocalIssuerTests(LocalIssuerTests.Issuer issuer) : IClassFixture<LocalIssuerTests.Issuer>
{
    private const string AppId = "00000000-0000-0000-0000-0000000000b1";
    private const string ChannelIssuer = "https://api.botframework.com";
    private const string ServiceUrl = "http://127.0.0.1:9/";

    [Fact]
    public async Task A_valid_channel_token_signed_by_the_local_issuer_is_accepted()
    {
        using var response = await issuer.PostAsync($"Bearer {issuer.Token(Claims())}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}\n{issuer.BotOutput}");
        Assert.Contains("safety checks", string.Join("\n", JObject.Parse(body)["activities"]!.Select(a => (string?)a["text"])));
        Assert.True(issuer.MetadataRequests > 0 && issuer.KeyRequests > 0, "The keys were not fetched from the local issuer.");
    }

    public static TheoryData<string> Rejected() => ["forged signature", "expired", "wrong audience", "wrong issuer", "other serviceUrl", "unsigned (alg none)", "junk", "not bearer"];

    [Theory]
    [MemberData(nameof(Rejected))]
    public async Task Every_other_token_is_a_401_never_a_500(string kind)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var authorization = kind switch
        {
            "forged signature" => $"Bearer {Issuer.Sign(Claims(), issuer.KeyId, issuer.Forger)}",
            "expired" => $"Bearer {issuer.Token(Claims(notBefore: now - 7200, expires: now - 3600))}",
            "wrong audience" => $"Bearer {issuer.Token(Claims(audience: "00000000-0000-0000-0000-0000000000ff"))}",
            "wrong issuer" => $"Bearer {issuer.Token(Claims(iss: "https://evil.example.com"))}",
            "other serviceUrl" => $"Bearer {issuer.Token(Claims(serviceUrl: "https://evil.example.com/"))}",
            "unsigned (alg none)" => $"Bearer {Issuer.WithoutSignature(Claims())}",
            "junk" => "Bearer x",
            _ => "Basic dXNlcjpwYXNz",
        };

        using var response = await issuer.PostAsync(authorization);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{kind}: {(int)response.StatusCode} {body}\n{issuer.BotOutput}");
        Assert.DoesNotContain("   at ", body);
    }

    private static JObject Claims(string iss = ChannelIssuer, string audience = AppId, string serviceUrl = ServiceUrl, long? notBefore = null, long? expires = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return new JObject
        {
            ["iss"] = iss,
            ["aud"] = audience,
            ["serviceurl"] = serviceUrl,
            ["nbf"] = notBefore ?? now - 60,
            ["iat"] = notBefore ?? now - 60,
            ["exp"] = expires ?? now + 3600,
        };
    }

    /// <summary>
    /// An OpenID issuer on https://127.0.0.1 (a self-signed certificate made here), and the bot as a child process
    /// that trusts only that certificate and cannot reach the internet (its proxy is a closed port).
    /// </summary>
    public sealed class Issuer : IAsyncLifetime, IDisposable
    {
        private readonly RSA _key = RSA.Create(2048);
        private readonly StringBuilder _output = new();
        private readonly string _folder = Directory.CreateTempSubdirectory("backcare-issuer-").FullName;
        private WebApplication? _issuer;
        private Process? _bot;
        private HttpClient? _client;
        private int _metadataRequests;
        private int _keyRequests;

        public string KeyId { get; } = "backcare-test-key";

        /// <summary>Gets a key the issuer does not publish.</summary>
        public RSA Forger { get; } = RSA.Create(2048);

        public int MetadataRequests => Volatile.Read(ref _metadataRequests);

        public int KeyRequests => Volatile.Read(ref _keyRequests);

        public string BotOutput
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public async Task InitializeAsync()
        {
            using var certificate = SelfSignedLoopbackCertificate();
            var trusted = Path.Combine(_folder, "trusted.pem");
            await File.WriteAllTextAsync(trusted, certificate.ExportCertificatePem());
            var noDefaultCertificates = Directory.CreateDirectory(Path.Combine(_folder, "certs")).FullName;

            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            var serverCertificate = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(serverCertificate)));
            _issuer = builder.Build();
            _issuer.MapGet("/.well-known/openid-configuration", (HttpContext context) =>
            {
                Interlocked.Increment(ref _metadataRequests);
                var origin = $"{context.Request.Scheme}://{context.Request.Host}";
                return Results.Text(new JObject
                {
                    ["issuer"] = ChannelIssuer,
                    ["authorization_endpoint"] = $"{origin}/authorize",
                    ["jwks_uri"] = $"{origin}/keys",
                    ["id_token_signing_alg_values_supported"] = new JArray("RS256"),
                    ["token_endpoint_auth_methods_supported"] = new JArray("private_key_jwt"),
                }.ToString(), "application/json");
            });
            _issuer.MapGet("/keys", () =>
            {
                Interlocked.Increment(ref _keyRequests);
                var parameters = _key.ExportParameters(false);
                return Results.Text(new JObject
                {
                    ["keys"] = new JArray(new JObject
                    {
                        ["kty"] = "RSA",
                        ["use"] = "sig",
                        ["alg"] = "RS256",
                        ["kid"] = KeyId,
                        ["n"] = Base64Url(parameters.Modulus!),
                        ["e"] = Base64Url(parameters.Exponent!),
                        ["endorsements"] = new JArray("emulator"),
                    }),
                }.ToString(), "application/json");
            });
            await _issuer.StartAsync();
            var metadata = $"{_issuer.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()}/.well-known/openid-configuration";

            var port = FreePort();
            var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "BackCare.Bot.dll"), "--urls", $"http://127.0.0.1:{port}", "--contentRoot", SolutionPaths.BotProject])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["BackCare__Storage__Provider"] = "Memory";
            start.Environment["MicrosoftAppId"] = AppId;
            start.Environment["MicrosoftAppPassword"] = "not-a-real-secret";
            start.Environment["ToBotFromChannelOpenIdMetadataUrl"] = metadata;
            start.Environment["ToBotFromEmulatorOpenIdMetadataUrl"] = metadata;
            start.Environment["ToBotFromChannelTokenIssuer"] = ChannelIssuer;

            // Once one of these is set the SDK takes all of them from configuration (an unset login URL is a
            // NullReferenceException on every turn): the public cloud's values, used only to post replies, which
            // expectReplies never does.
            start.Environment["ToChannelFromBotLoginUrl"] = "https://login.microsoftonline.com/botframework.com";
            start.Environment["ToChannelFromBotOAuthScope"] = "https://api.botframework.com";
            start.Environment["OAuthUrl"] = "https://api.botframework.com";

            // Trust only the issuer's certificate, and no way out to the internet.
            start.Environment["SSL_CERT_FILE"] = trusted;
            start.Environment["SSL_CERT_DIR"] = noDefaultCertificates;
            start.Environment["HTTPS_PROXY"] = "http://127.0.0.1:9";
            start.Environment["HTTP_PROXY"] = "http://127.0.0.1:9";
            start.Environment["NO_PROXY"] = "127.0.0.1";

            var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _bot = new Process { StartInfo = start, EnableRaisingEvents = true };
            _bot.OutputDataReceived += (_, e) => Keep(e.Data, listening);
            _bot.ErrorDataReceived += (_, e) => Keep(e.Data, listening);
            _bot.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"The bot exited:\n{BotOutput}"));
            _bot.Start();
            _bot.BeginOutputReadLine();
            _bot.BeginErrorReadLine();
            await listening.Task.WaitAsync(TimeSpan.FromMinutes(1));
            _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        }

        public Task<HttpResponseMessage> PostAsync(string authorization)
        {
            var activity = Activities.Message("hi", Guid.NewGuid().ToString("N"), ServiceUrl);
            activity["deliveryMode"] = "expectReplies";
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
            {
                Content = new StringContent(activity.ToString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            return _client!.SendAsync(request);
        }

        public string Token(JObject claims) => Sign(claims, KeyId, _key);

        public static string Sign(JObject claims, string keyId, RSA key)
            => Jwt(new JObject { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = keyId }, claims, d => key.SignData(d, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        public static string WithoutSignature(JObject claims) => Jwt(new JObject { ["alg"] = "none", ["typ"] = "JWT" }, claims, null);

        public async Task DisposeAsync()
        {
            if (_bot is not null)
            {
                if (!_bot.HasExited)
                {
                    _bot.Kill(entireProcessTree: true);
                }

                await _bot.WaitForExitAsync();
            }

            Dispose();

            if (_issuer is not null)
            {
                await _issuer.StopAsync();
                await _issuer.DisposeAsync();
            }

            _key.Dispose();
            Forger.Dispose();
            Directory.Delete(_folder, recursive: true);
        }

        public void Dispose()
        {
            _client?.Dispose();
            _client = null;
            _bot?.Dispose();
            _bot = null;
        }

        private void Keep(string? line, TaskCompletionSource listening)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
            }

            if (line.Contains("Now listening on", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        }

        private static X509Certificate2 SelfSignedLoopbackCertificate()
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
            return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        }

        private static string Jwt(JObject header, JObject claims, Func<byte[], byte[]>? sign)
        {
            var signed = $"{Base64Url(Encoding.UTF8.GetBytes(header.ToString(Newtonsoft.Json.Formatting.None)))}.{Base64Url(Encoding.UTF8.GetBytes(claims.ToString(Newtonsoft.Json.Formatting.None)))}";
            return $"{signed}.{(sign is null ? string.Empty : Base64Url(sign(Encoding.ASCII.GetBytes(signed))))}";
        }

        private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
