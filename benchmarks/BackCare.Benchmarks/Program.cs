// BackCare against the SDK's floor, in one run and under the same load. For each store (SQLite, Memory) the
// driver starts each bot in its own host process on 127.0.0.1 and has N conversations at once (default 32)
// each play whole triages, one turn at a time, over /api/messages (expectReplies): BackCare is answered as an
// "all clear" person, recognising its questions from the triage content file; the floor bot gets the same
// messages. Prints turns/s, p50/p95/p99, the ratios, bytes allocated per turn in the host process, stored state
// per conversation, and the time from starting the host process to its first reply. Loopback only, bounded.
//
// usage: dotnet run -c Release --project benchmarks/BackCare.Benchmarks --
//            [--conversations 32] [--triages 90] [--warmup 10] [--max-warmup 200] [--rounds 3] [--stores Sqlite,Memory]
// Each round runs BackCare and then the floor, one after the other; with several rounds each figure is the median
// of the rounds, and the ratios are the medians of each round's own ratio (a slow moment of a shared machine
// then slows both sides of a ratio, not one), with every round's ratios printed under them.
// (the host side is the same program: `host <backcare|floor> <store> <url> <data folder>`; `profile` splits a
// turn into phases, see Profile.cs; `startup` times the start-up pieces, see StartupProfile.cs)
using System.Globalization;
using BackCare.Benchmarks;

if (args is ["host", var hostBot, var hostStore, var hostUrl, var hostFolder])
{
    return await BenchHost.RunAsync(hostBot, hostStore, hostUrl, hostFolder);
}

if (args is ["startup", ..])
{
    return StartupProfile.Run();
}

if (args is ["profile", ..])
{
    return await Profile.RunAsync(Option("--triages", 60), OptionText("--store", "Memory"), args.Contains("--allocations"), args.Contains("--state"));
}

var conversations = Option("--conversations", 32);
// About 7 to 10 seconds measured per bot and round: 30 triages (2 to 3 seconds) left a round's figures to one
// noisy moment of a shared machine (rounds' turns/s ratios 0.56 to 0.82 in one run).
var triages = Option("--triages", 90);
// Steady state: on 2 cores the runtime goes on recompiling hot methods in the background for some 20 seconds
// of load (both bots): each host is warmed with --warmup triages, then more until the JIT is quiet (Driver).
var warmup = Option("--warmup", 10, allowZero: true);
// The runtime's tiering is paced by time, not turns: the faster Memory runs took about 80 triages to settle.
var maxWarmup = Math.Max(warmup, Option("--max-warmup", 200));
var rounds = Option("--rounds", 3);
var stores = OptionText("--stores", "Sqlite,Memory").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

var script = TriageScript.Load(Paths.TriageContent);
var driver = new Driver(script, conversations, triages, warmup, maxWarmup);
Console.WriteLine($"BackCare benchmark: {conversations} concurrent conversations, each playing {triages} whole triages one turn at a time (first {warmup} or more to warm up, until the JIT is quiet; not measured); {rounds} round(s) per store; {Environment.ProcessorCount} cores, .NET {Environment.Version}");
var failed = false;
foreach (var store in stores)
{
    var backcare = new List<BotRun>();
    var floor = new List<BotRun>();
    for (var round = 0; round < rounds; round++)
    {
        backcare.Add(await driver.RunAsync("backcare", store));
        floor.Add(await driver.RunAsync("floor", store));
    }

    Report.Print(store, backcare, floor);
    failed |= backcare.Concat(floor).Any(run => run.Failures > 0 || run.Turns == 0);
}

return failed ? 1 : 0;

int Option(string name, int fallback, bool allowZero = false)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && (value > 0 || allowZero)
        ? Math.Min(value, 1_000)
        : fallback;
}

string OptionText(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}
