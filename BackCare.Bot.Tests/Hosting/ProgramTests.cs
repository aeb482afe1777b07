using System.Net;
using System.Net.Sockets;
using BackCare.Bot.Tests.Support;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Hosting;

/// <summary>The real entry point, started as its own process the way `dotnet run` starts it.</summary>
public class ProgramTests
{
    private static readonly string BotDll = Path.Combine(AppContext.BaseDirectory, "BackCare.Bot.dll");

    // `dotnet run` of the bot project as built for this test run (same configuration), without building again.
    private static readonly string[] DotnetRun =
    [
        "--no-build",
        "--project", Path.Combine(SolutionPaths.BotProject, "BackCare.Bot.csproj"),
        "--configuration", new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name,
    ];

    [Fact]
    public async Task An_unsafe_production_start_prints_what_to_fix_and_exits_with_1()
    {
        var run = await ExternalProcess.RunAsync(
            "dotnet",
            [BotDll, "--urls", $"http://127.0.0.1:{FreePort()}", "--contentRoot", SolutionPaths.BotProject],
            timeout: TimeSpan.FromMinutes(1),
            environment: new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["BackCare__Storage__Provider"] = "Memory",
                ["MicrosoftAppId"] = string.Empty,
            });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("BackCare cannot start: Refusing to start: MicrosoftAppId is empty", run.Errors);
        Assert.DoesNotContain("   at ", run.Errors);
    }

    public static TheoryData<string, string[], Dictionary<string, string>, string> RefusedStarts() => new()
    {
        {
            "ASPNETCORE_ENVIRONMENT=Production dotnet run",
            ["run", .. DotnetRun, "--", "--urls", "http://127.0.0.1:{port}"],
            new() { ["ASPNETCORE_ENVIRONMENT"] = "Production" },
            "MicrosoftAppId is empty in the 'Production' environment"
        },
        {
            "dotnet run --environment Production",
            ["run", .. DotnetRun, "--environment", "Production", "--", "--urls", "http://127.0.0.1:{port}"],
            new(),
            "MicrosoftAppId is empty in the 'Production' environment"
        },
        {
            "dotnet run -- --environment Production",
            ["run", .. DotnetRun, "--", "--environment", "Production", "--urls", "http://127.0.0.1:{port}"],
            new(),
            "MicrosoftAppId is empty in the 'Production' environment"
        },
        {
            "anonymous on every interface",
            [BotDll, "--urls", "http://0.0.0.0:{port}", "--contentRoot", SolutionPaths.BotProject],
            new() { ["ASPNETCORE_ENVIRONMENT"] = "Development" },
            "beyond this machine"
        },
        {
            "app id without password",
            [BotDll, "--urls", "http://127.0.0.1:{port}", "--contentRoot", SolutionPaths.BotProject],
            new() { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["MicrosoftAppId"] = "00000000-0000-0000-0000-000000000001" },
            "MicrosoftAppPassword is empty"
        },
        {
            "app id under the wrong name",
            [BotDll, "--urls", "http://127.0.0.1:{port}", "--contentRoot", SolutionPaths.BotProject],
            new() { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["BackCare__MicrosoftAppId"] = "00000000-0000-0000-0000-000000000001" },
            "BackCare__MicrosoftAppId"
        },
        {
            "an emergency number that is not a number",
            [BotDll, "--urls", "http://127.0.0.1:{port}", "--contentRoot", SolutionPaths.BotProject],
            new() { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["BackCare__Care__EmergencyNumber"] = "call 911" },
            "BackCare:Care:EmergencyNumber must be digits and spaces"
        },
        {
            "a storage provider BackCare does not know",
            [BotDll, "--urls", "http://127.0.0.1:{port}", "--contentRoot", SolutionPaths.BotProject],
            new() { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["BackCare__Storage__Provider"] = "Cosmos" },
            "'BackCare:Storage:Provider'"
        },
    };

    [Theory]
    [MemberData(nameof(RefusedStarts))]
    public async Task Each_unsafe_start_is_refused_with_a_message_that_says_what_to_fix(string how, string[] arguments, Dictionary<string, string> environment, string message)
    {
        var port = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment.TryAdd("BackCare__Storage__Provider", "Memory");
        environment.TryAdd("MicrosoftAppId", string.Empty);
        environment.TryAdd("ASPNETCORE_ENVIRONMENT", string.Empty);

        var run = await ExternalProcess.RunAsync("dotnet", arguments.Select(a => a.Replace("{port}", port, StringComparison.Ordinal)), timeout: TimeSpan.FromMinutes(2), environment: environment);

        Assert.True(run.ExitCode == 1, $"{how}: exit code {run.ExitCode}\n{run.All}");
        Assert.True(run.Errors.Contains(message, StringComparison.Ordinal), $"{how}:\n{run.All}");
        Assert.DoesNotContain("   at ", run.Errors);
    }

    [Fact]
    public async Task Plain_dotnet_run_still_starts_in_development_from_the_launch_profile()
    {
        var port = FreePort();
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", ["run", .. DotnetRun, "--", "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = SolutionPaths.Root,
        };
        start.Environment["BackCare__Storage__Provider"] = "Memory";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = string.Empty;
        using var process = System.Diagnostics.Process.Start(start)!;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilUpAsync(http);

            Assert.Contains("safety checks", await SayAsync(http, Guid.NewGuid().ToString("N"), "hi"));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Environment_variables_override_appsettings()
    {
        var port = FreePort();
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [BotDll, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", SolutionPaths.BotProject])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["BackCare__Storage__Provider"] = "Memory";
        start.Environment["BackCare__Care__EmergencyNumber"] = "112";
        using var process = System.Diagnostics.Process.Start(start)!;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilUpAsync(http);
            var conversation = Guid.NewGuid().ToString("N");

            await SayAsync(http, conversation, "hi");
            var advice = await SayAsync(http, conversation, "I have chest pain");

            Assert.Contains("Call 112", advice);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<string> SayAsync(HttpClient http, string conversation, string text)
    {
        var activity = Activities.Message(text, conversation);
        activity["deliveryMode"] = "expectReplies";
        using var response = await http.PostAsync("/api/messages", new StringContent(activity.ToString(), System.Text.Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return string.Join("\n", JObject.Parse(await response.Content.ReadAsStringAsync())["activities"]!.Select(a => HttpConversation.TextOf((JObject)a)));
    }

    private static async Task WaitUntilUpAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var health = await http.GetAsync("/healthz");
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException("The bot did not start within 60 seconds.");
            }

            await Task.Delay(200);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
