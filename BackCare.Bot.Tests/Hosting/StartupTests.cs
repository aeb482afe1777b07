using Microsoft.Extensions.Configuration;
using BackCare.Bot.Hosting;
using BackCare.Bot.Tests.Support;

namespace BackCare.Bot.Tests.Hosting;

public class StartupTests
{
    [Fact]
    public async Task Outside_development_an_empty_app_id_refuses_to_start()
    {
        await using var app = RunningHost.Build(environment: "Production");

        var error = await Assert.ThrowsAsync<StartupRefusedException>(() => app.StartAsync());

        Assert.Contains("MicrosoftAppId is empty", error.Message);
        Assert.Contains("AllowUnauthenticatedOutsideDevelopment", error.Message);
    }

    [Fact]
    public async Task Outside_development_an_empty_app_id_starts_with_a_loud_warning_when_allowed()
    {
        var logs = new CapturedLogs();
        await using var host = await RunningHost.StartAsync(
            new Dictionary<string, string?> { ["BackCare:AllowUnauthenticatedOutsideDevelopment"] = "true" },
            environment: "Production",
            logs: logs);

        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("UNAUTHENTICATED TRAFFIC"));
    }

    [Theory]
    [InlineData(null, "MicrosoftAppPassword is empty")]
    [InlineData("MultiTenant", "MicrosoftAppPassword is empty")]
    [InlineData("SingleTenant", "MicrosoftAppPassword is empty")]
    [InlineData("UserAssignedMSI", "MicrosoftAppTenantId is empty")]
    [InlineData("Everyone", "MicrosoftAppType 'Everyone' is not known")]
    public async Task An_app_id_without_what_its_app_type_needs_refuses_to_start(string? appType, string message)
    {
        await using var app = RunningHost.Build(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "00000000-0000-0000-0000-000000000001",
            ["MicrosoftAppType"] = appType,
            ["MicrosoftAppPassword"] = string.Empty,
        });

        var error = await Assert.ThrowsAsync<StartupRefusedException>(() => app.StartAsync());

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task Some_but_not_all_of_the_sdks_cloud_settings_refuse_to_start_and_name_the_missing_ones()
    {
        await using var app = RunningHost.Build(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "00000000-0000-0000-0000-000000000001",
            ["MicrosoftAppPassword"] = "not-a-real-secret",
            ["ToBotFromChannelOpenIdMetadataUrl"] = "https://127.0.0.1:9/v1/.well-known/openidconfiguration",
        });

        var error = await Assert.ThrowsAsync<StartupRefusedException>(() => app.StartAsync());

        Assert.Contains("ToChannelFromBotLoginUrl", error.Message);
        Assert.Contains("OAuthUrl", error.Message);
        Assert.DoesNotContain("ToBotFromChannelOpenIdMetadataUrl is missing", error.Message);
    }

    [Fact]
    public async Task A_single_tenant_app_without_its_tenant_refuses_to_start()
    {
        await using var app = RunningHost.Build(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "00000000-0000-0000-0000-000000000001",
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppPassword"] = "secret",
        });

        var error = await Assert.ThrowsAsync<StartupRefusedException>(() => app.StartAsync());

        Assert.Contains("MicrosoftAppTenantId is empty", error.Message);
    }

    [Theory]
    [InlineData("BackCare:MicrosoftAppId", "BackCare__MicrosoftAppId", "use 'MicrosoftAppId' at the top level")]
    [InlineData("BackCare:MicrosoftAppPassword", "BackCare__MicrosoftAppPassword", "use 'MicrosoftAppPassword' at the top level")]
    [InlineData("BackCare:Storage:Provder", "BackCare__Storage__Provder", "is not a setting")]
    [InlineData("BackCare:AllowUnauthenticated", "BackCare__AllowUnauthenticated", "is not a setting")]
    public async Task A_setting_name_that_would_be_ignored_refuses_to_start_and_is_named(string key, string variable, string advice)
    {
        await using var app = RunningHost.Build(new Dictionary<string, string?> { [key] = "x" });

        var error = await Assert.ThrowsAsync<StartupRefusedException>(() => app.StartAsync());

        Assert.Contains(variable, error.Message);
        Assert.Contains(advice, error.Message);
    }

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://*:3978")]
    [InlineData("http://+:3978")]
    [InlineData("http://[::]:3978")]
    [InlineData("http://127.0.0.1:0;http://192.0.2.10:3978")]
    [InlineData("http://backcare.example.com:3978")]
    public async Task Local_mode_refuses_to_listen_beyond_loopback(string urls)
    {
        await using var app = RunningHost.Build(new Dictionary<string, string?> { ["urls"] = urls });

        var error = await Assert.ThrowsAsync<StartupRefusedException>(() => app.StartAsync());

        Assert.Contains("beyond this machine", error.Message);
        Assert.Contains("AllowUnauthenticatedOnNetwork", error.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:3978", null)]
    [InlineData("http://localhost:3978;https://[::1]:3979", null)]
    [InlineData(null, "8080")]
    public void Listen_addresses_beyond_loopback_are_found(string? urls, string? httpPorts)
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = urls, ["http_ports"] = httpPorts })
            .Build();

        var exposed = ListenAddresses.NonLoopback(configuration);

        Assert.Equal(httpPorts is not null, exposed.Count > 0);
    }

    [Theory]
    [InlineData(new string[0], new[] { "BACKCARE_DEFAULT_ENVIRONMENT", "Development" }, "Development")]
    [InlineData(new string[0], new[] { "BACKCARE_DEFAULT_ENVIRONMENT", "Development", "ASPNETCORE_ENVIRONMENT", "Production" }, null)]
    [InlineData(new[] { "--environment", "Production" }, new[] { "BACKCARE_DEFAULT_ENVIRONMENT", "Development" }, null)]
    [InlineData(new string[0], new[] { "BACKCARE_DEFAULT_ENVIRONMENT", "Development", "Production", "" }, "Production")]
    [InlineData(new string[0], new[] { "DOTNET_ENVIRONMENT", "Staging" }, null)]
    [InlineData(new string[0], new string[0], null)]
    public void The_explicit_environment_wins_over_the_launch_profiles_default(string[] args, string[] variables, string? imposed)
    {
        var table = new System.Collections.Hashtable();
        for (var i = 0; i < variables.Length; i += 2)
        {
            table[variables[i]] = variables[i + 1];
        }

        Assert.Equal(imposed, EnvironmentChoice.Resolve(args, table));
    }

    [Fact]
    public async Task A_broken_exercise_catalogue_stops_the_host_with_a_message_that_says_what_to_fix()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"exercises-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(broken, """{ "exercises": [ { "id": "plank", "name": "Plank", "kind": "strength", "purpose": "p", "setup": "s", "steps": [], "dose": { "sets": 1, "reps": 1, "holdSeconds": 0, "perSide": false, "secondsPerRep": 1, "doseText": "d" }, "cautions": [], "offered": { "doctorLevel": false } } ] }""");
        try
        {
            await using var app = RunningHost.Build(new Dictionary<string, string?> { ["BackCare:ExerciseCataloguePath"] = broken });

            var error = await Assert.ThrowsAsync<InvalidDataException>(() => app.StartAsync());

            Assert.Contains("'plank' needs at least one step", error.Message);
            Assert.Contains("'plank' needs a caution that tells the person to stop", error.Message);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public async Task Triage_content_with_a_missing_question_stops_the_host()
    {
        var source = Path.Combine(SolutionPaths.BotProject, "Triage", "triage-content.json");
        var json = Newtonsoft.Json.Linq.JObject.Parse(await File.ReadAllTextAsync(source));
        ((Newtonsoft.Json.Linq.JObject)json["questions"]!).Remove("Severity");
        var broken = Path.Combine(Path.GetTempPath(), $"triage-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(broken, json.ToString());
        try
        {
            await using var app = RunningHost.Build(new Dictionary<string, string?> { ["BackCare:TriageContentPath"] = broken });

            var error = await Assert.ThrowsAsync<InvalidDataException>(() => app.StartAsync());

            Assert.Contains("questions.Severity is missing", error.Message);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public async Task A_lexicon_pattern_that_does_not_parse_stops_the_host_saying_where_it_is()
    {
        // The lexicon loads beside the rest of the content at start-up (its regexes built in parallel): a broken
        // pattern still stops the start, and the message names the concept.
        var folder = Directory.CreateTempSubdirectory("backcare-lexicon-").FullName;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(SolutionPaths.BotProject, "Content", "en")))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var lexicon = Newtonsoft.Json.Linq.JObject.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "lexicon.json")));
        ((Newtonsoft.Json.Linq.JArray)lexicon["concepts"]!["ChestPain"]!["patterns"]!).Add("( chest | pain");
        await File.WriteAllTextAsync(Path.Combine(folder, "lexicon.json"), lexicon.ToString());

        await using var app = RunningHost.Build(new Dictionary<string, string?> { ["BackCare:LexiconFolder"] = folder });

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => app.StartAsync());

        Assert.Contains("concepts.ChestPain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lexicon_pattern_is_built_when_asked_and_a_regex_that_does_not_compile_says_so()
    {
        var broken = BackCare.Bot.Understanding.LexiconPattern.AtTokens("(?<= )(?:unclosed", new BackCare.Bot.Understanding.StartWords { Words = { "unclosed" } }, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

        Assert.ThrowsAny<ArgumentException>(broken.Compile);
    }
}
