using System.Net;
using System.Net.Sockets;
using BackCare.Bot.Tests.Support;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Hosting;

/// <summary>The real entry point, started as its own process the way `dotnet run` starts it.</summary>
public class ProgramTests
{
    private static readonly string BotDll = Path.Combine(AppContext.BaseDirectory, "BackCare.Bot.dll");

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
        return string.Join("\n", JObject.Parse(await response.Content.ReadAsStringAsync())["activities"]!.Select(a => (string?)a["text"]));
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
