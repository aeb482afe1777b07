using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using BackCare.Bot.Tests.Support;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Channels;

/// <summary>How the Web Chat page and its files are served (compression, caching), and that the page's words are all in page-strings.js.</summary>
public partial class WebChatPageTests
{
    private static readonly string WebRoot = Path.Combine(SolutionPaths.BotProject, "wwwroot");

    /// <summary>The widget file index.html names (a version-named file under lib/).</summary>
    private static string WidgetPath()
    {
        var page = File.ReadAllText(Path.Combine(WebRoot, "index.html"));
        return "/" + WidgetLink().Match(page).Groups["src"].Value;
    }

    [Fact]
    public void The_page_names_the_widget_by_the_version_npm_restored_and_the_build_made_it_and_its_compressed_copies()
    {
        var package = JObject.Parse(File.ReadAllText(Path.Combine(SolutionPaths.BotProject, "node_modules", "botframework-webchat", "package.json")));
        var widget = WidgetPath();

        Assert.Equal($"/lib/webchat-{(string)package["version"]!}.js", widget);
        foreach (var file in new[] { widget, widget + ".br", widget + ".gz" })
        {
            Assert.True(File.Exists(WebRoot + file), $"{file} is missing: the bot project's build makes it (CopyWebChat, PrecompressWebChat).");
        }
    }

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("gzip, deflate, br", "br")]
    [InlineData("br;q=0, gzip", "gzip")]
    [InlineData("identity", null)]
    public async Task The_widget_is_served_compressed_as_the_browser_accepts_and_cached_for_good(string acceptEncoding, string? expected)
    {
        await using var host = await RunningHost.StartAsync();
        var widget = WidgetPath();
        using var request = new HttpRequestMessage(HttpMethod.Get, widget);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);

        using var response = await host.Client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentEncoding.SingleOrDefault());
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.NotNull(response.Headers.ETag);
        var original = await File.ReadAllBytesAsync(WebRoot + widget);
        Assert.Equal(original, Decode(body, expected));
        if (expected is not null)
        {
            Assert.True(body.Length < original.Length / 3, $"{expected}: {body.Length} of {original.Length} bytes");
        }
    }

    [Fact]
    public async Task The_page_is_compressed_and_revalidated_with_its_etag_and_an_unchanged_page_is_a_304()
    {
        await using var host = await RunningHost.StartAsync();
        using var first = new HttpRequestMessage(HttpMethod.Get, "/");
        first.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");

        using var response = await host.Client.SendAsync(first);
        var page = Encoding.UTF8.GetString(Decode(await response.Content.ReadAsByteArrayAsync(), "br"));
        using var again = new HttpRequestMessage(HttpMethod.Get, "/");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var revalidated = await host.Client.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("br", response.Content.Headers.ContentEncoding.Single());
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache, response.Headers.CacheControl?.ToString());
        Assert.Contains("<html lang=\"en\">", page);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Theory]
    [InlineData("/app.js")]
    [InlineData("/page-strings.js")]
    public async Task The_pages_scripts_are_compressed_and_revalidated(string path)
    {
        await using var host = await RunningHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");

        using var response = await host.Client.SendAsync(request);
        var body = Decode(await response.Content.ReadAsByteArrayAsync(), "gzip");

        Assert.Equal("gzip", response.Content.Headers.ContentEncoding.Single());
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(await File.ReadAllBytesAsync(WebRoot + path), body);
    }

    [Fact]
    public async Task The_bots_routes_are_never_compressed()
    {
        await using var host = await RunningHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/directline/token") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.NotNull(JObject.Parse(await response.Content.ReadAsStringAsync())["token"]);
    }

    [Fact]
    public void Every_text_the_page_shows_is_in_page_strings_and_every_string_there_is_used()
    {
        var strings = PageStrings();
        var page = File.ReadAllText(Path.Combine(WebRoot, "index.html"));
        var script = File.ReadAllText(Path.Combine(WebRoot, "app.js"));
        var used = UsedInPage().Matches(page).Select(m => m.Groups["key"].Value)
            .Concat(UsedInScript().Matches(script).Select(m => m.Groups["key"].Value.Length > 0 ? m.Groups["key"].Value : m.Groups["quoted"].Value))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Contains("connecting", used);
        Assert.Contains("restarted", used);
        Assert.Empty(used.Except(strings.Keys));
        Assert.Empty(strings.Keys.Except(used));
        Assert.All(strings, s => Assert.False(string.IsNullOrWhiteSpace(s.Value), s.Key));
        // The page itself holds no sentence: only the strings' keys (its title is replaced at once by app.js).
        var visible = Regex.Replace(Regex.Replace(page, "<(style|script)[^>]*>.*?</\\1>", string.Empty, RegexOptions.Singleline), "<[^>]+>|<!--.*?-->", string.Empty, RegexOptions.Singleline);
        Assert.Equal("BackCare", visible.Trim());
    }

    private static Dictionary<string, string> PageStrings()
    {
        var source = File.ReadAllText(Path.Combine(WebRoot, "page-strings.js"));
        var json = source[source.IndexOf("window.BackCarePageStrings = ", StringComparison.Ordinal)..].Replace("window.BackCarePageStrings = ", string.Empty, StringComparison.Ordinal).Trim().TrimEnd(';');
        return JObject.Parse(json).Properties().ToDictionary(p => p.Name, p => (string)p.Value!, StringComparer.Ordinal);
    }

    private static byte[] Decode(byte[] body, string? encoding)
    {
        using Stream decoded = encoding switch
        {
            "br" => new BrotliStream(new MemoryStream(body), CompressionMode.Decompress),
            "gzip" => new GZipStream(new MemoryStream(body), CompressionMode.Decompress),
            _ => new MemoryStream(body),
        };
        using var copy = new MemoryStream();
        decoded.CopyTo(copy);
        return copy.ToArray();
    }

    [GeneratedRegex("""<link id="webchat-script" rel="preload" as="script" href="(?<src>[^"]+)">""")]
    private static partial Regex WidgetLink();

    [GeneratedRegex(@"data-(?:text|label)=""(?<key>[^""]+)""")]
    private static partial Regex UsedInPage();

    [GeneratedRegex("""text\.(?<key>[a-zA-Z]+)|show\([a-z]+, '(?<quoted>[a-zA-Z]+)'\)""")]
    private static partial Regex UsedInScript();
}
