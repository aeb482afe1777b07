using System.Net.Http.Json;
using BackCare.Bot.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace BackCare.Bot.Tests.Support;

/// <summary>The real BackCare host, on Kestrel at 127.0.0.1 on a free port, with settings for the test.</summary>
public sealed class RunningHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a host. By default: Development, in-memory storage, no app id (local mode).</summary>
    public static async Task<RunningHost> StartAsync(
        IDictionary<string, string?>? settings = null,
        string environment = "Development",
        Action<IServiceCollection>? services = null,
        ILoggerProvider? logs = null)
    {
        var app = Build(settings, environment, services, logs);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningHost(app, new Uri(address));
    }

    /// <summary>Builds (but does not start) a host, for tests of start-up itself.</summary>
    public static WebApplication Build(
        IDictionary<string, string?>? settings = null,
        string environment = "Development",
        Action<IServiceCollection>? services = null,
        ILoggerProvider? logs = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["BackCare:Storage:Provider"] = "Memory",
            ["MicrosoftAppId"] = string.Empty,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return BackCareApp.Build(
            // No file watchers on appsettings: a test run starts hundreds of hosts, and each watcher holds one of the
            // machine's few inotify instances (128 by default), so a busy machine would refuse new hosts.
            ["--urls", "http://127.0.0.1:0", "--environment", environment, "--contentRoot", SolutionPaths.BotProject, "--hostBuilder:reloadConfigOnChange", "false"],
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(all);
                builder.Logging.ClearProviders();
                if (logs is not null)
                {
                    builder.Logging.AddProvider(logs);
                }

                if (services is not null)
                {
                    services(builder.Services);
                }
            });
    }

    /// <summary>Sends an activity with deliveryMode expectReplies and returns the replies.</summary>
    public async Task<List<JObject>> ExpectRepliesAsync(JObject activity)
    {
        activity["deliveryMode"] = "expectReplies";
        using var response = await Client.PostAsync("/api/messages", new StringContent(activity.ToString(), System.Text.Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());
        return body["activities"]!.Select(a => (JObject)a).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
