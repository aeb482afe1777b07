using System.IO.Compression;
using BackCare.Bot.Tests.Support;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Channels;

public class TeamsAppPackageTests
{
    private static readonly string AppFolder = Path.Combine(SolutionPaths.BotProject, "TeamsApp");
    private static readonly string Validator = Path.Combine(SolutionPaths.Root, "BackCare.Bot.Tests", "tools", "validate-teams-manifest.mjs");

    [Fact]
    public async Task The_manifest_is_valid_against_the_teams_schema_offline()
    {
        var result = await ExternalProcess.RunAsync("node", [Validator, Path.Combine(AppFolder, "manifest.json")]);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("valid against Teams schema v1.24", result.Output);
    }

    [Fact]
    public async Task The_validator_rejects_a_manifest_that_breaks_the_schema()
    {
        var manifest = JObject.Parse(await File.ReadAllTextAsync(Path.Combine(AppFolder, "manifest.json")));
        manifest["name"]!["short"] = new string('x', 31);
        ((JObject)manifest).Remove("developer");
        var path = Path.Combine(Path.GetTempPath(), $"manifest-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, manifest.ToString());

        var result = await ExternalProcess.RunAsync("node", [Validator, path]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("developer", result.Output);
        Assert.Contains("/name/short", result.Output);
    }

    [Fact]
    public async Task The_manifest_lists_the_bots_commands_within_teams_limits()
    {
        var manifest = JObject.Parse(await File.ReadAllTextAsync(Path.Combine(AppFolder, "manifest.json")));
        var lists = (JArray)manifest["bots"]![0]!["commandLists"]!;
        var titles = lists.SelectMany(l => l["commands"]!.Select(c => (string)c["title"]!)).ToList();

        Assert.InRange(lists.Count, 1, 3);
        Assert.All(lists, l => Assert.InRange(((JArray)l["commands"]!).Count, 1, 12));
        Assert.Contains("help", titles);
        Assert.Contains("start over", titles);
        Assert.Contains("summary", titles);
        Assert.Contains("progress", titles);
    }

    [Fact]
    public void The_colour_icon_is_192_square_and_the_outline_icon_is_32_square_white_on_transparent()
    {
        var color = Png.Read(Path.Combine(AppFolder, "color.png"));
        var outline = Png.Read(Path.Combine(AppFolder, "outline.png"));

        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
        Assert.Equal(6, outline.ColorType);
        var pixels = Enumerable.Range(0, 32).SelectMany(y => Enumerable.Range(0, 32).Select(x => outline.Pixel(x, y))).ToList();
        Assert.Contains(pixels, p => p.A == 0);
        Assert.Contains(pixels, p => p.A == 255);
        Assert.All(pixels.Where(p => p.A > 0), p => Assert.Equal((255, 255, 255), (p.R, p.G, p.B)));
    }

    private static readonly string[] RealUrls = ["-p:TeamsPrivacyUrl=https://backcare.contoso.com/privacy", "-p:TeamsTermsUrl=https://backcare.contoso.com/terms", "-p:TeamsWebsiteUrl=https://backcare.contoso.com"];

    [Fact]
    public async Task The_manifest_allows_only_the_personal_scope()
    {
        var manifest = JObject.Parse(await File.ReadAllTextAsync(Path.Combine(AppFolder, "manifest.json")));
        var bot = manifest["bots"]![0]!;

        Assert.Equal(["personal"], bot["scopes"]!.Select(s => (string)s!));
        Assert.All((JArray)bot["commandLists"]!, l => Assert.Equal(["personal"], l["scopes"]!.Select(s => (string)s!)));
    }

    [Fact]
    public async Task The_package_build_zips_the_manifest_with_the_bot_id_the_app_id_the_real_urls_and_both_icons_at_the_root()
    {
        var zip = Path.Combine(Path.GetTempPath(), $"teams-{Guid.NewGuid():N}.zip");
        var botId = "11111111-2222-3333-4444-555555555555";
        var appId = "99999999-8888-4777-8666-555555555555";

        var build = await ExternalProcess.RunAsync("dotnet", ["msbuild", "BackCare.Bot/BackCare.Bot.csproj", "-t:TeamsPackage", $"-p:BotAppId={botId}", $"-p:TeamsManifestId={appId}", .. RealUrls, $"-p:TeamsPackageOutput={zip}", "-nologo"], timeout: TimeSpan.FromMinutes(3));
        Assert.True(build.ExitCode == 0, build.All);

        using var archive = ZipFile.OpenRead(zip);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], archive.Entries.Select(e => e.FullName).Order());
        var extracted = Path.Combine(Path.GetTempPath(), $"teams-{Guid.NewGuid():N}");
        archive.ExtractToDirectory(extracted);
        var manifest = JObject.Parse(await File.ReadAllTextAsync(Path.Combine(extracted, "manifest.json")));
        Assert.Equal(botId, (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal(appId, (string?)manifest["id"]);
        Assert.Equal("https://backcare.contoso.com/privacy", (string?)manifest["developer"]!["privacyUrl"]);
        Assert.Equal("https://backcare.contoso.com/terms", (string?)manifest["developer"]!["termsOfUseUrl"]);
        Assert.Equal("https://backcare.contoso.com", (string?)manifest["developer"]!["websiteUrl"]);
        Assert.DoesNotContain("example.org", manifest.ToString());
        var validation = await ExternalProcess.RunAsync("node", [Validator, Path.Combine(extracted, "manifest.json")]);
        Assert.True(validation.ExitCode == 0, validation.All);
    }

    public static TheoryData<string, string[]> RefusedPackages => new()
    {
        { "TeamsPrivacyUrl", ["-p:BotAppId=11111111-2222-3333-4444-555555555555", "-p:TeamsPrivacyUrl=https://backcare.example.org/privacy", "-p:TeamsTermsUrl=https://backcare.contoso.com/terms", "-p:TeamsWebsiteUrl=https://backcare.contoso.com"] },
        { "TeamsTermsUrl", ["-p:BotAppId=11111111-2222-3333-4444-555555555555", "-p:TeamsPrivacyUrl=https://backcare.contoso.com/privacy", "-p:TeamsWebsiteUrl=https://backcare.contoso.com"] },
        { "TeamsWebsiteUrl", ["-p:BotAppId=11111111-2222-3333-4444-555555555555", "-p:TeamsPrivacyUrl=https://backcare.contoso.com/privacy", "-p:TeamsTermsUrl=https://backcare.contoso.com/terms", "-p:TeamsWebsiteUrl=http://backcare.contoso.com"] },
        { "TeamsAppId is no longer read", ["-p:TeamsAppId=11111111-2222-3333-4444-555555555555", .. RealUrls] },
        { "BotAppId", [.. RealUrls] },
    };

    [Theory]
    [MemberData(nameof(RefusedPackages))]
    public async Task The_package_build_refuses_placeholder_or_missing_urls_and_a_missing_bot_id(string named, string[] properties)
    {
        var zip = Path.Combine(Path.GetTempPath(), $"teams-{Guid.NewGuid():N}.zip");

        var build = await ExternalProcess.RunAsync("dotnet", ["msbuild", "BackCare.Bot/BackCare.Bot.csproj", "-t:TeamsPackage", .. properties, $"-p:TeamsPackageOutput={zip}", "-nologo"], timeout: TimeSpan.FromMinutes(3));

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains(named, build.All);
        Assert.False(File.Exists(zip));
    }
}
