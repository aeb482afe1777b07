using System.Globalization;
using System.Text;
using BackCare.Bot.Hosting;
using BackCare.Bot.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BackCare.Benchmarks;

/// <summary>
/// The host process of the benchmark: BackCare's own host, or the SDK floor bot, on a loopback address. The
/// driver talks to it over HTTP only; on standard input it asks for the host's own figures (allocated bytes,
/// stored state), answered one line each on standard output. Nothing else is written there.
/// </summary>
internal static class BenchHost
{
    public static async Task<int> RunAsync(string bot, string store, string url, string dataFolder)
    {
        var app = bot switch
        {
            "backcare" => BackCareApp.Build(
                ["--urls", url, "--environment", "Development", "--contentRoot", Paths.BotProject],
                builder =>
                {
                    builder.Configuration["BackCare:Storage:Provider"] = store;
                    builder.Configuration["BackCare:Storage:DataFolder"] = dataFolder;
                    builder.Logging.ClearProviders();
                }),
            "floor" => FloorBot.Build(url, store, dataFolder),
            _ => throw new ArgumentException($"Unknown bot '{bot}'.", nameof(bot)),
        };
        await app.StartAsync();
        var storage = app.Services.GetRequiredService<IStorage>();
        while (await Console.In.ReadLineAsync() is { } line)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0)
            {
                continue;
            }

            if (parts[0] == "quit")
            {
                break;
            }

            if (parts[0] == "ready")
            {
                // BackCare warms its recognisers in the background after its first reply: measured after that.
                if (app.Services.GetService<RecognizerWarmUp>() is { } warmUp)
                {
                    await warmUp.Completion;
                }

                await Console.Out.WriteLineAsync("ready");
                await Console.Out.FlushAsync();
                continue;
            }

            var answer = parts[0] switch
            {
                "alloc" => string.Create(
                    CultureInfo.InvariantCulture,
                    $"alloc {GC.GetTotalAllocatedBytes(precise: true)} {GC.CollectionCount(0)} {GC.CollectionCount(1)} {GC.CollectionCount(2)} {GC.GetTotalPauseDuration().TotalMilliseconds:F0} {Environment.WorkingSet} {Environment.CpuUsage.TotalTime.TotalMilliseconds:F0}"),
                "jit" => string.Create(CultureInfo.InvariantCulture, $"jit {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F1} {System.Runtime.JitInfo.GetCompiledMethodCount()}"),
                "state" => "state " + (await StoredBytesAsync(storage, parts[1..], dataFolder)).ToString(CultureInfo.InvariantCulture),
                _ => "unknown",
            };
            await Console.Out.WriteLineAsync(answer);
            await Console.Out.FlushAsync();
        }

        await app.StopAsync();
        await app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        return 0;
    }

    /// <summary>
    /// The bytes the store holds for these keys: for SQLite the stored JSON column itself; for the other stores
    /// the items serialized as the stores write them (JSON with type names).
    /// </summary>
    private static async Task<long> StoredBytesAsync(IStorage storage, string[] keys, string dataFolder)
    {
        if (storage is SqliteStorage)
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataFolder, "backcare-state.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await connection.OpenAsync();
            long total = 0;
            foreach (var key in keys)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT coalesce(sum(length(CAST(json AS BLOB))), 0) FROM state WHERE key = $key";
                command.Parameters.AddWithValue("$key", key);
                total += Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            }

            return total;
        }

        var items = await storage.ReadAsync(keys);
        return items.Values.Sum(v => (long)Encoding.UTF8.GetByteCount(StateJson.Serialize(v)));
    }
}

/// <summary>
/// The SDK's floor: CloudAdapter + ActivityHandler + ConversationState over the same store as BackCare, one
/// reply per turn, state saved at the end of every turn. What any bot on this SDK pays at the least.
/// </summary>
/// <param name="conversationState">The conversation state.</param>
internal sealed class FloorBot(ConversationState conversationState) : ActivityHandler
{
    private readonly IStatePropertyAccessor<FloorData> _data = conversationState.CreateProperty<FloorData>(nameof(FloorData));

    public static WebApplication Build(string url, string store, string dataFolder)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls", url], EnvironmentName = "Development", ContentRootPath = dataFolder });
        builder.Logging.ClearProviders();
        builder.Services.AddHttpClient();
        builder.Services.AddSingleton<BotFrameworkAuthentication, ConfigurationBotFrameworkAuthentication>();
        builder.Services.AddSingleton<IBotFrameworkHttpAdapter>(sp => new CloudAdapter(sp.GetRequiredService<BotFrameworkAuthentication>(), sp.GetRequiredService<ILogger<CloudAdapter>>()));
        builder.Services.AddSingleton(sp => StorageFactory.Create(new StorageOptions { Provider = Enum.Parse<StorageProvider>(store, ignoreCase: true), DataFolder = dataFolder }, sp.GetRequiredService<IHostEnvironment>()));
        builder.Services.AddSingleton<ConversationState>();
        builder.Services.AddSingleton<IBot, FloorBot>();
        var app = builder.Build();
        app.MapPost("/api/messages", (HttpRequest request, HttpResponse response, IBotFrameworkHttpAdapter adapter, IBot bot) => adapter.ProcessAsync(request, response, bot));
        return app;
    }

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.OnTurnAsync(turnContext, cancellationToken);
        await conversationState.SaveChangesAsync(turnContext, false, cancellationToken);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var data = await _data.GetAsync(turnContext, () => new FloorData(), cancellationToken);
        data.Turns++;
        await turnContext.SendActivityAsync(MessageFactory.Text(string.Create(CultureInfo.InvariantCulture, $"Noted: that was answer {data.Turns}.")), cancellationToken);
    }
}

/// <summary>The floor bot's conversation state.</summary>
internal sealed class FloorData
{
    public int Turns { get; set; }
}

/// <summary>Where the solution's folders are.</summary>
internal static class Paths
{
    public static string Root { get; } = FindRoot();

    public static string BotProject => Path.Combine(Root, "BackCare.Bot");

    public static string TriageContent => Path.Combine(BotProject, "Triage", "triage-content.json");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BackCare.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("BackCare.sln not found above the benchmark.");
    }
}
