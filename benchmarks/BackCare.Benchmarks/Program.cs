// Measures BackCare end to end: the real host on 127.0.0.1, many people completing a whole triage at once
// over /api/messages (expectReplies). Prints throughput, turn latency and memory. Loopback only, bounded.
// usage: dotnet run -c Release --project benchmarks/BackCare.Benchmarks -- [--people 200] [--concurrency 16] [--storage Memory|Sqlite]
using System.Diagnostics;
using System.Globalization;
using System.Text;
using BackCare.Bot.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

var people = Option("--people", 200);
var concurrency = Option("--concurrency", 16);
var storage = OptionText("--storage", "Sqlite");
var dataFolder = Directory.CreateTempSubdirectory("backcare-bench-").FullName;

var app = BackCareApp.Build(
    ["--urls", "http://127.0.0.1:0", "--environment", "Development", "--contentRoot", FindBotProject()],
    builder =>
    {
        builder.Configuration["BackCare:Storage:Provider"] = storage;
        builder.Configuration["BackCare:Storage:DataFolder"] = dataFolder;
        builder.Logging.ClearProviders();
    });
await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };

// One person, once, to warm up the recognisers and the JIT; not measured.
await Person(http, "warm-up", []);

var latencies = new List<double>();
var failures = 0;
GC.Collect();
var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
var clock = Stopwatch.StartNew();
using var gate = new SemaphoreSlim(concurrency);
await Task.WhenAll(Enumerable.Range(0, people).Select(async i =>
{
    await gate.WaitAsync();
    try
    {
        var mine = new List<double>();
        if (!await Person(http, $"person-{i}", mine))
        {
            Interlocked.Increment(ref failures);
        }

        lock (latencies)
        {
            latencies.AddRange(mine);
        }
    }
    finally
    {
        gate.Release();
    }
}));
clock.Stop();

latencies.Sort();
var process = Process.GetCurrentProcess();
Console.WriteLine($"BackCare benchmark: {people} people, {concurrency} at a time, {storage} storage, {Environment.ProcessorCount} cores");
Console.WriteLine($"  turns:            {latencies.Count} ({failures} conversations did not reach the advice)");
Console.WriteLine($"  wall time:        {clock.Elapsed.TotalSeconds:F2} s");
Console.WriteLine($"  throughput:       {latencies.Count / clock.Elapsed.TotalSeconds:F0} turns/s");
Console.WriteLine($"  turn latency:     p50 {Percentile(0.50):F1} ms, p95 {Percentile(0.95):F1} ms, p99 {Percentile(0.99):F1} ms, max {latencies[^1]:F1} ms");
Console.WriteLine($"  allocated:        {(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)latencies.Count / 1024:F0} KiB per turn");
Console.WriteLine($"  managed heap:     {GC.GetTotalMemory(forceFullCollection: true) / 1024.0 / 1024:F1} MiB after the run");
Console.WriteLine($"  peak working set: {process.PeakWorkingSet64 / 1024.0 / 1024:F0} MiB");

await app.StopAsync();
Directory.Delete(dataFolder, recursive: true);
return failures == 0 ? 0 : 1;

double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];

static async Task<bool> Person(HttpClient http, string id, List<double> latencies)
{
    var reply = await Say(http, id, "hi", latencies);
    for (var turn = 0; turn < 40; turn++)
    {
        if (reply.Contains("Would you like to do a short, gentle routine now?", StringComparison.Ordinal))
        {
            return true;
        }

        reply = await Say(http, id, AllClear(reply), latencies);
    }

    return false;
}

static string AllClear(string question) => question switch
{
    _ when question.Contains("safety checks", StringComparison.Ordinal) => "none of these",
    _ when question.Contains("How long have you had", StringComparison.Ordinal) => "about 5 days",
    _ when question.Contains("How bad is the pain", StringComparison.Ordinal) => "four out of ten",
    _ when question.Contains("A few more checks", StringComparison.Ordinal) => "none of these",
    _ when question.Contains("How old are you", StringComparison.Ordinal) => "34",
    _ when question.Contains("Where is the pain", StringComparison.Ordinal) => "lower back",
    _ when question.Contains("get better when you rest", StringComparison.Ordinal) => "yes",
    _ => "no",
};

static async Task<string> Say(HttpClient http, string conversation, string text, List<double> latencies)
{
    var activity = new JObject
    {
        ["type"] = "message",
        ["channelId"] = "emulator",
        ["serviceUrl"] = "http://127.0.0.1:9",
        ["deliveryMode"] = "expectReplies",
        ["text"] = text,
        ["conversation"] = new JObject { ["id"] = conversation },
        ["from"] = new JObject { ["id"] = conversation + "-user" },
        ["recipient"] = new JObject { ["id"] = "bot" },
    };
    var started = Stopwatch.GetTimestamp();
    using var response = await http.PostAsync("/api/messages", new StringContent(activity.ToString(), Encoding.UTF8, "application/json"));
    var body = await response.Content.ReadAsStringAsync();
    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    response.EnsureSuccessStatusCode();
    return string.Join("\n", JObject.Parse(body)["activities"]!.Select(a => (string?)a["text"] ?? string.Empty));
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? Math.Min(value, 10_000) : fallback;
}

string OptionText(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}

static string FindBotProject()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BackCare.sln")))
    {
        directory = directory.Parent;
    }

    return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("BackCare.sln not found."), "BackCare.Bot");
}
