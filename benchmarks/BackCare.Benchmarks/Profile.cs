using System.Diagnostics;
using System.Globalization;
using System.Text;
using BackCare.Bot.Hosting;
using BackCare.Bot.Storage;
using BackCare.Bot.Triage;
using BackCare.Bot.Understanding;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;

namespace BackCare.Benchmarks;

/// <summary>
/// Where a turn's time and allocation go, one conversation at a time in this process (no HTTP, no contention):
/// the whole turn through the adapter, then each phase on its own with the same inputs: the language layer
/// (what the bot, the interruption check and the prompt call for that message), reading the request body,
/// writing the response, and serialising the conversation's state.
/// With <c>--allocations</c> it also lists what types the turns allocate, from the runtime's allocation sampling
/// (an event about every 100 KB allocated, naming the type that crossed the line).
/// With <c>--state</c> it prints the stored state of the last conversation, as the store writes it.
/// usage: dotnet run -c Release --project benchmarks/BackCare.Benchmarks -- profile [--triages 60] [--store Memory|Sqlite] [--allocations]
/// </summary>
internal static class Profile
{
    private static readonly Dictionary<string, (double Ms, long Bytes)> Phases = new(StringComparer.Ordinal);

    /// <summary>Whether the turn being run is measured (the storage decorator adds to the phases only then).</summary>
    public static bool InTurn { get; private set; }

    public static async Task<int> RunAsync(int triages, string store, bool allocations, bool showState)
    {
        var dataFolder = Directory.CreateTempSubdirectory("backcare-profile-").FullName;
        var app = BackCareApp.Build(
            ["--urls", "http://127.0.0.1:0", "--environment", "Development", "--contentRoot", Paths.BotProject],
            builder =>
            {
                builder.Configuration["BackCare:Storage:Provider"] = store;
                builder.Configuration["BackCare:Storage:DataFolder"] = dataFolder;
                builder.Logging.ClearProviders();
                var inner = builder.Services.Last(d => d.ServiceType == typeof(IStorage));
                builder.Services.AddSingleton<IStorage>(sp => new TimedStorage((IStorage)inner.ImplementationFactory!(sp), Phases));
            });
        var services = app.Services;
        var adapter = services.GetRequiredService<AdapterWithErrorHandler>();
        var bot = services.GetRequiredService<IBot>();
        var storage = services.GetRequiredService<IStorage>();
        var commands = services.GetRequiredService<CommandReader>();
        var listening = services.GetRequiredService<Listening>();
        var replies = services.GetRequiredService<ReplyReader>();
        replies.WarmUp();
        var script = TriageScript.Load(Paths.TriageContent);

        var phases = Phases;
        using var sampler = allocations ? new AllocationSampler() : null;
        var turns = 0;
        List<string>? lastState = null;
        // Warm until the JIT is quiet (under 2 % of ten triages' time, as the driver's rule): the runtime goes on
        // recompiling hot methods in the background for many seconds, and a turn measured before that is the JIT's.
        var warm = -1;
        var minimumWarm = Math.Max(3, triages / 10);
        var batchStarted = Stopwatch.GetTimestamp();
        var batchJit = System.Runtime.JitInfo.GetCompilationTime();
        var byAnswer = new Dictionary<string, (double Ms, long Bytes)>(StringComparer.Ordinal);
        var languageByAnswer = new Dictionary<string, (double Ms, long Bytes)>(StringComparer.Ordinal);
        for (var t = 0; warm < 0 || t < warm + triages; t++)
        {
            if (warm < 0 && t >= minimumWarm && t % 10 == 0)
            {
                var jit = System.Runtime.JitInfo.GetCompilationTime();
                if ((jit - batchJit).TotalMilliseconds < 0.02 * Stopwatch.GetElapsedTime(batchStarted).TotalMilliseconds || t >= 5_000)
                {
                    warm = t;
                }

                (batchStarted, batchJit) = (Stopwatch.GetTimestamp(), jit);
            }

            var measured = warm >= 0;
            var id = $"profile-{t}";
            QuestionId? question = null;
            var text = "hi";
            for (var turn = 0; turn < 80; turn++)
            {
                var body = Body(id, text);
                var (activity, _) = Measure(measured, phases, "request: read and check the activity JSON", () => ActivityReader.Read(body));
                var languageBefore = LanguageMs(phases);
                if (question is QuestionId asked)
                {
                    var said = text;
                    Measure(measured, phases, "language: CommandReader.Read x2 (bot, interruptions)", () => (commands.Read(said), commands.Read(said)));
                    Measure(measured, phases, "language: Listening.Signs (LanguageLayer.Analyse + SignScanner)", () => listening.Signs(said, asked));
                    Measure(measured, phases, "language: ReplyReader.Read (the prompt's reader)", () => replies.Read(asked, said, DateTime.UtcNow));
                }

                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var started = Stopwatch.GetTimestamp();
                InTurn = measured;
                sampler?.Measure(measured);
                var response = await adapter.ProcessInHostAsync(activity!, bot.OnTurnAsync, CancellationToken.None);
                InTurn = false;
                sampler?.Measure(false);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
                if (measured)
                {
                    Add(phases, "TURN (adapter, bot, dialogs, state, all of it)", elapsed, bytes);
                    var answering = $"{turn,2}: answering {(question is { } q ? q.ToString() : "(greeting)")}";
                    Add(byAnswer, answering, elapsed, bytes);
                    Add(languageByAnswer, answering, LanguageMs(phases) - languageBefore, 0);
                    turns++;
                }

                Measure(measured, phases, "response: write the replies JSON", () => JsonConvert.SerializeObject(response.Body, new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore }));
                var keys = new[] { $"emulator/conversations/{id}", $"emulator/users/{id}-user" };
                var state = await ((TimedStorage)storage).Inner.ReadAsync(keys);
                Measure(measured, phases, "state: serialise conversation + user state (StateJson)", () => state.Values.Select(StateJson.Serialize).ToList());
                var json = state.Values.Select(StateJson.Serialize).ToList();
                Measure(measured, phases, "state: deserialise it again", () => json.Select(StateJson.Deserialize).ToList());

                var reply = string.Join("\n", ((ExpectedReplies)response.Body).Activities.Select(a => a.Text is { Length: > 0 } text
                    ? text
                    : string.Join("\n", (a.Attachments ?? []).Select(c => Newtonsoft.Json.Linq.JToken.FromObject(c.Content)).SelectMany(c => c.SelectTokens("..[?(@.type == 'TextBlock')].text")).Select(t => (string?)t))));
                if (reply.Contains(script.SelfCareHeadline, StringComparison.Ordinal))
                {
                    lastState = json;
                    break;
                }

                var recognised = script.Recognise(reply) ?? throw new InvalidOperationException($"Unrecognised reply: {reply[..Math.Min(300, reply.Length)]}");
                question = Enum.Parse<QuestionId>(recognised.Key);
                text = TriageScript.AllClear(recognised.Key, recognised.Checklist);
            }
        }

        var turn0 = phases["TURN (adapter, bot, dialogs, state, all of it)"];
        Console.WriteLine($"Profile: {triages} all-clear triages ({turns} turns) one at a time in-process, {store} store, after {warm} to warm up. Per turn:");
        Console.WriteLine($"  {"phase",-66}{"µs",9}{"% turn",8}{"KiB",9}{"% turn",8}");
        foreach (var (name, (ms, bytes)) in phases.OrderByDescending(p => p.Value.Ms))
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {name,-66}{ms * 1000 / turns,9:F0}{100 * ms / turn0.Ms,8:F1}{bytes / 1024.0 / turns,9:F1}{100.0 * bytes / turn0.Bytes,8:F1}"));
        }

        Console.WriteLine("  (language rows are the same calls the turn makes, timed again on their own: they are part of TURN, not added to it)");
        Console.WriteLine($"By turn of the triage (the reply to each answer): µs of the turn, µs of its language calls timed on their own, KiB:");
        foreach (var (name, (ms, bytes)) in byAnswer.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var language = languageByAnswer.GetValueOrDefault(name).Ms;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-58}{ms * 1000 / triages,9:F0}{language * 1000 / triages,9:F0}{bytes / 1024.0 / triages,9:F1}"));
        }

        sampler?.Print(turns);
        if (showState && lastState is not null)
        {
            Console.WriteLine("The state of the last conversation at the end of its triage (conversation, then user):");
            lastState.ForEach(Console.WriteLine);
        }
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dataFolder, recursive: true);
        return 0;
    }

    private static double LanguageMs(Dictionary<string, (double Ms, long Bytes)> phases)
        => phases.Where(p => p.Key.StartsWith("language:", StringComparison.Ordinal)).Sum(p => p.Value.Ms);

    private static T Measure<T>(bool measured, Dictionary<string, (double Ms, long Bytes)> phases, string name, Func<T> phase)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        var result = phase();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (measured)
        {
            Add(phases, name, elapsed, GC.GetAllocatedBytesForCurrentThread() - allocated);
        }

        return result;
    }

    private static void Add(Dictionary<string, (double Ms, long Bytes)> phases, string name, double ms, long bytes)
    {
        phases.TryGetValue(name, out var sum);
        phases[name] = (sum.Ms + ms, sum.Bytes + bytes);
    }

    private static byte[] Body(string conversation, string text)
        => Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(new
        {
            type = "message",
            id = Guid.NewGuid().ToString("N"),
            timestamp = DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture),
            channelId = "emulator",
            serviceUrl = "http://127.0.0.1:9",
            deliveryMode = "expectReplies",
            text,
            conversation = new { id = conversation },
            from = new { id = conversation + "-user" },
            recipient = new { id = "bot" },
        }));
}

/// <summary>Times the store's reads and writes within measured turns.</summary>
internal sealed class TimedStorage(IStorage inner, Dictionary<string, (double Ms, long Bytes)> phases) : IStorage, IStateDocuments, IStatePurge
{
    public IStorage Inner => inner;

    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
        => TimeAsync("store: ReadAsync (in the turn)", () => inner.ReadAsync(keys, cancellationToken));

    public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
        => TimeAsync("store: WriteAsync (in the turn)", async () => { await inner.WriteAsync(changes, cancellationToken); return 0; });

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) => inner.DeleteAsync(keys, cancellationToken);

    // The bot's own state reads and writes JSON documents (the stores' text, see DocumentState): timed as the store's too.
    public Task<IReadOnlyDictionary<string, string>> ReadDocumentsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
        => TimeAsync("store: ReadAsync (in the turn)", () => ((IStateDocuments)inner).ReadDocumentsAsync(keys, cancellationToken));

    public Task WriteDocumentsAsync(IReadOnlyDictionary<string, string> documents, CancellationToken cancellationToken = default)
        => TimeAsync("store: WriteAsync (in the turn)", async () => { await ((IStateDocuments)inner).WriteDocumentsAsync(documents, cancellationToken); return 0; });

    public Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
        => inner is IStatePurge purge ? purge.PurgeOlderThanAsync(cutoff, cancellationToken) : Task.FromResult(0);

    private async Task<T> TimeAsync<T>(string name, Func<Task<T>> call)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var result = await call();
        if (Profile.InTurn)
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            phases.TryGetValue(name, out var sum);
            phases[name] = (sum.Ms + elapsed, sum.Bytes + GC.GetTotalAllocatedBytes(precise: true) - allocated);
        }

        return result;
    }
}

/// <summary>
/// The runtime's allocation sampling (GCAllocationTick: about one event per 100 KB allocated, naming the type
/// that crossed the line), counted by type while a measured turn runs: where the bytes of a turn go.
/// </summary>
internal sealed class AllocationSampler : System.Diagnostics.Tracing.EventListener
{
    private readonly Dictionary<string, (int Samples, long Bytes)> _types = new(StringComparer.Ordinal);
    private volatile bool _measuring;

    public void Measure(bool on) => _measuring = on;

    public void Print(int turns)
    {
        lock (_types)
        {
            var total = _types.Values.Sum(t => t.Bytes);
            Console.WriteLine($"Allocation samples by type ({_types.Values.Sum(t => t.Samples)} samples, about {total / 1024.0 / Math.Max(1, turns):F0} KiB per turn):");
            foreach (var (type, (samples, bytes)) in _types.OrderByDescending(t => t.Value.Bytes).Take(30))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {100.0 * bytes / total,5:F1}%  {samples,6}  {type}"));
            }
        }
    }

    protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs eventData)
    {
        if (!_measuring || eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
        {
            return;
        }

        var at = eventData.PayloadNames!.IndexOf("TypeName");
        var amountAt = eventData.PayloadNames.IndexOf("AllocationAmount64");
        var type = at >= 0 ? eventData.Payload[at] as string ?? "?" : "?";
        var bytes = amountAt >= 0 ? Convert.ToInt64(eventData.Payload[amountAt], CultureInfo.InvariantCulture) : 100_000;
        lock (_types)
        {
            _types.TryGetValue(type, out var sum);
            _types[type] = (sum.Samples + 1, sum.Bytes + bytes);
        }
    }
}
