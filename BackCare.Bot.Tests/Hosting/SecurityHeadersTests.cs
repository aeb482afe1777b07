using System.Net;
using System.Text;
using BackCare.Bot.Hosting;
using BackCare.Bot.Tests.Support;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Hosting;

/// <summary>Security headers on the page and the APIs, allowed hosts, and where the Direct Line domain comes from.</summary>
public class SecurityHeadersTests
{
    private static string Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
            : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(", ", content) : string.Empty;

    [Fact]
    public async Task The_page_gets_a_policy_for_the_widget_and_the_apis_a_policy_that_allows_nothing()
    {
        await using var host = await RunningHost.StartAsync();

        using var page = await host.Client.GetAsync("/");
        using var token = await host.Client.PostAsync("/api/directline/token", new StringContent("{}", Encoding.UTF8, "application/json"));
        using var health = await host.Client.GetAsync("/healthz");
        using var messages = await host.Client.PostAsync("/api/messages", new StringContent("{", Encoding.UTF8, "application/json"));

        var csp = Header(page, "Content-Security-Policy");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        foreach (var response in new[] { page, token, health, messages })
        {
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
            Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        }

        foreach (var response in new[] { token, health, messages })
        {
            Assert.Equal("default-src 'none'; frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        }
    }

    [Fact]
    public async Task The_page_may_show_pictures_from_the_public_base_url_and_from_nowhere_else()
    {
        await using var plain = await RunningHost.StartAsync();
        await using var published = await RunningHost.StartAsync(new Dictionary<string, string?>
        {
            ["BackCare:Web:PublicBaseUrl"] = "https://pictures.example.org/backcare/",
        });

        using var plainPage = await plain.Client.GetAsync("/");
        using var publishedPage = await published.Client.GetAsync("/");

        Assert.Contains("img-src 'self' data: blob:;", Header(plainPage, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Contains("img-src 'self' data: blob: https://pictures.example.org;", Header(publishedPage, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Framing_is_allowed_only_to_the_configured_origins()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?>
        {
            ["BackCare:Web:FrameAncestors:0"] = "https://intranet.example.org",
            ["BackCare:Web:FrameAncestors:1"] = "https://portal.example.com:8443/",
        });

        using var page = await host.Client.GetAsync("/");

        Assert.Contains("frame-ancestors https://intranet.example.org https://portal.example.com:8443", Header(page, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal(string.Empty, Header(page, "X-Frame-Options"));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("intranet.example.org")]
    [InlineData("https://intranet.example.org/path")]
    public async Task A_frame_ancestor_that_is_not_an_origin_stops_the_start(string origin)
    {
        await using var app = RunningHost.Build(new Dictionary<string, string?> { ["BackCare:Web:FrameAncestors:0"] = origin });

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains($"BackCare:Web:FrameAncestors has '{origin}'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_name_that_is_not_allowed_gets_400()
    {
        await using var host = await RunningHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Host = "evil.example";

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_direct_line_domain_never_comes_from_an_unchecked_host_header()
    {
        await using var open = await RunningHost.StartAsync(new Dictionary<string, string?> { ["AllowedHosts"] = "*" });
        await using var configured = await RunningHost.StartAsync(new Dictionary<string, string?>
        {
            ["AllowedHosts"] = "*",
            ["BackCare:DirectLine:PublicUrl"] = "https://backcare.example.org",
        });

        using var refused = await TokenAsync(open, "evil.example");
        using var loopback = await TokenAsync(open, null);
        using var fromSettings = await TokenAsync(configured, "evil.example");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.DoesNotContain("evil.example", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal($"{open.BaseAddress.GetLeftPart(UriPartial.Authority)}/v3/directline", (string?)JObject.Parse(await loopback.Content.ReadAsStringAsync())["domain"]);
        Assert.Equal("https://backcare.example.org/v3/directline", (string?)JObject.Parse(await fromSettings.Content.ReadAsStringAsync())["domain"]);
    }

    private static Task<HttpResponseMessage> TokenAsync(RunningHost host, string? hostHeader)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/directline/token") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        if (hostHeader is not null)
        {
            request.Headers.Host = hostHeader;
        }

        return host.Client.SendAsync(request);
    }
}
