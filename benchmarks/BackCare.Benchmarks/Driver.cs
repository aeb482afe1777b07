using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using Newtonsoft.Json.Linq;

namespace BackCare.Benchmarks;

/// <summary>What one bot did under the load.</summary>
internal sealed record BotRun(
    string Bot,
    int Turns,
    int Failures,
    double Seconds,
    double[] Latencies,
    double FirstReplyMs,
    long AllocatedBytes,
    int Gen0,
    int Gen1,
    int Gen2,
    double GcPauseMs,
    long WorkingSet,
    double StateBytesPerConversation,
    double CpuMs,
    double ClientCpuMs,
    int WarmupTriages,
    double JitMs)
{
    public double TurnsPerSecond => Turns / Seconds;

    public double AllocatedPerTurn => Turns == 0 ? 0 : AllocatedBytes / (double)Turns;

    public double Percentile(double p) => Latencies.Length == 0 ? double.NaN : Latencies[Math.Clamp((int)Math.Ceiling(p * Latencies.Length) - 1, 0, Latencies.Length - 1)];
}

/// <summary>
/// The load: a host process per bot, and from this process N conversations at once over HTTP on loopback. The
/// host shares nothing with this process but the sockets.
/// </summary>
internal sealed class Driver(TriageScript script, int conversations, int triages, int warmup, int maxWarmup)
{
    private const int MaxTurnsPerTriage = 80;
    private string[]? _messages;

    public async Task<BotRun> RunAsync(string bot, string store)
    {
        var dataFolder = Directory.CreateTempSubdirectory("backcare-bench-").FullName;
        var url = $"http://127.0.0.1:{FreePort()}";
        using var host = StartHost(bot, store, url, dataFolder);
        var errors = new StringBuilder();
        host.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        host.BeginErrorReadLine();
        var started = Stopwatch.StartNew();
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, MaxConnectionsPerServer = conversations + 1 };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        try
        {
            var firstReply = await FirstReplyAsync(http, host, started);
            var warmed = await WarmUpAsync(http, host, bot);

            // Steady state: BackCare's background warm-up of its recognisers (started after its first reply) is over.
            await AskAsync(host, "ready");

            var jitBefore = double.Parse((await AskAsync(host, "jit"))[0], CultureInfo.InvariantCulture);
            var before = await AskAsync(host, "alloc");
            var clientBefore = Environment.CpuUsage.TotalTime;
            var clock = Stopwatch.StartNew();
            var (latencies, failures, ids) = await RoundAsync(http, bot, "run", triages);
            clock.Stop();
            var clientCpu = (Environment.CpuUsage.TotalTime - clientBefore).TotalMilliseconds;
            var after = await AskAsync(host, "alloc");
            var jit = double.Parse((await AskAsync(host, "jit"))[0], CultureInfo.InvariantCulture) - jitBefore;
            var keys = ids.SelectMany(id => new[] { $"emulator/conversations/{id}", $"emulator/users/{id}-user" });
            var state = long.Parse((await AskAsync(host, "state " + string.Join(' ', keys)))[0], CultureInfo.InvariantCulture);
            latencies.Sort();
            return new BotRun(
                bot,
                latencies.Count,
                failures,
                clock.Elapsed.TotalSeconds,
                [.. latencies],
                firstReply,
                long.Parse(after[0], CultureInfo.InvariantCulture) - long.Parse(before[0], CultureInfo.InvariantCulture),
                Delta(1),
                Delta(2),
                Delta(3),
                double.Parse(after[4], CultureInfo.InvariantCulture) - double.Parse(before[4], CultureInfo.InvariantCulture),
                long.Parse(after[5], CultureInfo.InvariantCulture),
                ids.Count == 0 ? 0 : state / (double)ids.Count,
                double.Parse(after[6], CultureInfo.InvariantCulture) - double.Parse(before[6], CultureInfo.InvariantCulture),
                clientCpu,
                warmed,
                jit);

            int Delta(int i) => int.Parse(after[i], CultureInfo.InvariantCulture) - int.Parse(before[i], CultureInfo.InvariantCulture);
        }
        catch
        {
            lock (errors)
            {
                Console.Error.WriteLine($"The {bot} host ({store}) said on stderr:\n{errors}");
            }

            throw;
        }
        finally
        {
            await StopHostAsync(host);
            try
            {
                Directory.Delete(dataFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a process being torn down: the folder is in the temp directory.
            }
        }
    }

    /// <summary>
    /// Warms the host up to its steady state: the given number of triages per conversation, then more, a few at a
    /// time, until the JIT compiler spent under <see cref="SteadyJitShare"/> of the last batch's time (the runtime
    /// recompiles hot methods in the background, and on 2 cores a large program takes several seconds to get
    /// there), at most <c>maxWarmup</c> in all (default 200). The same rule for both bots.
    /// </summary>
    /// <returns>How many triages per conversation the warm-up took.</returns>
    private async Task<int> WarmUpAsync(HttpClient http, Process host, string bot)
    {
        var done = 0;
        if (warmup > 0)
        {
            await RoundAsync(http, bot, "warm", warmup);
            done = warmup;
        }

        while (warmup > 0 && done < maxWarmup)
        {
            var jit = double.Parse((await AskAsync(host, "jit"))[0], CultureInfo.InvariantCulture);
            var clock = Stopwatch.StartNew();
            await RoundAsync(http, bot, $"warm{done}", WarmupBatch);
            done += WarmupBatch;
            var spent = double.Parse((await AskAsync(host, "jit"))[0], CultureInfo.InvariantCulture) - jit;
            if (spent < SteadyJitShare * clock.Elapsed.TotalMilliseconds)
            {
                break;
            }
        }

        return done;
    }

    /// <summary>The JIT's share of the wall time under which a host counts as warm.</summary>
    private const double SteadyJitShare = 0.02;

    private const int WarmupBatch = 4;

    /// <summary>From the start of the host process to the first reply to a message (retrying until it listens).</summary>
    private static async Task<double> FirstReplyAsync(HttpClient http, Process host, Stopwatch started)
    {
        while (true)
        {
            if (host.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {host.ExitCode} before it answered.");
            }

            try
            {
                var reply = await SayAsync(http, "first-reply", "hi");
                if (reply.Length > 0)
                {
                    return started.Elapsed.TotalMilliseconds;
                }

                throw new InvalidOperationException("The first reply was empty.");
            }
            catch (HttpRequestException ex) when (ex.StatusCode is null && started.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(5);
            }
        }
    }

    private async Task<(List<double> Latencies, int Failures, List<string> Ids)> RoundAsync(HttpClient http, string bot, string phase, int count)
    {
        var latencies = new List<double>();
        var ids = new List<string>();
        var failures = 0;
        await Task.WhenAll(Enumerable.Range(0, conversations).Select(async worker =>
        {
            var mine = new List<double>();
            for (var k = 0; k < count; k++)
            {
                var id = $"{bot}-{phase}-{worker}-{k}";
                var completed = bot == "backcare" ? await TriageAsync(http, id, mine) : await ReplayAsync(http, id, mine);
                if (!completed)
                {
                    Interlocked.Increment(ref failures);
                }

                lock (ids)
                {
                    ids.Add(id);
                }
            }

            lock (latencies)
            {
                latencies.AddRange(mine);
            }
        }));
        return (latencies, failures, ids);
    }

    /// <summary>One whole triage with BackCare, answered "all clear" question by question.</summary>
    private async Task<bool> TriageAsync(HttpClient http, string id, List<double> latencies)
    {
        var said = new List<string> { "hi" };
        var reply = await TimedAsync(http, id, "hi", latencies);
        for (var turn = 0; turn < MaxTurnsPerTriage; turn++)
        {
            if (reply.Contains(script.SelfCareHeadline, StringComparison.Ordinal))
            {
                Interlocked.CompareExchange(ref _messages, [.. said], null);
                return true;
            }

            if (script.Recognise(reply) is not { } question)
            {
                // The bot's words, never a person's: this is the benchmark's own scripted reply.
                Console.Error.WriteLine($"Unrecognised reply in {id} after \"{said[^1]}\": {reply[..Math.Min(reply.Length, 300)]}");
                return false;
            }

            var answer = TriageScript.AllClear(question.Key, question.Checklist);
            said.Add(answer);
            reply = await TimedAsync(http, id, answer, latencies);
        }

        return false;
    }

    /// <summary>The same messages as a BackCare triage, to the floor bot: one reply each.</summary>
    private async Task<bool> ReplayAsync(HttpClient http, string id, List<double> latencies)
    {
        var messages = _messages ?? throw new InvalidOperationException("BackCare must run first: the floor replays its messages.");
        foreach (var message in messages)
        {
            if ((await TimedAsync(http, id, message, latencies)).Length == 0)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<string> TimedAsync(HttpClient http, string conversation, string text, List<double> latencies)
    {
        var started = Stopwatch.GetTimestamp();
        var reply = await SayAsync(http, conversation, text);
        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return reply;
    }

    private static async Task<string> SayAsync(HttpClient http, string conversation, string text)
    {
        var activity = new JObject
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString("N"),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture),
            ["channelId"] = "emulator",
            ["serviceUrl"] = "http://127.0.0.1:9",
            ["deliveryMode"] = "expectReplies",
            ["text"] = text,
            ["conversation"] = new JObject { ["id"] = conversation },
            ["from"] = new JObject { ["id"] = conversation + "-user" },
            ["recipient"] = new JObject { ["id"] = "bot" },
        };
        using var content = new StringContent(activity.ToString(Newtonsoft.Json.Formatting.None), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"HTTP {(int)response.StatusCode} from the host: {body[..Math.Min(body.Length, 300)]}");
        }

        // A result or a step page is an Adaptive Card: its text is in the card's text blocks.
        return string.Join("\n", JObject.Parse(body)["activities"]!.Select(a => (string?)a["text"] is { Length: > 0 } text
            ? text
            : string.Join("\n", a.SelectTokens("attachments[*].content..[?(@.type == 'TextBlock')].text").Select(t => (string?)t))));
    }

    /// <summary>Whether BackCare's deployed runtimeconfig asks for the server garbage collector.</summary>
    private static bool GcServer { get; } = ReadGcServer();

    private static bool ReadGcServer()
    {
        var config = Path.Combine(Paths.BotProject, "bin", "Release", "net10.0", "BackCare.Bot.runtimeconfig.json");
        if (!File.Exists(config))
        {
            config = Path.Combine(Paths.BotProject, "bin", "Debug", "net10.0", "BackCare.Bot.runtimeconfig.json");
        }

        return File.Exists(config) && JObject.Parse(File.ReadAllText(config)).SelectToken("runtimeOptions.configProperties['System.GC.Server']")?.Value<bool>() == true;
    }

    private static Process StartHost(string bot, string store, string url, string dataFolder)
    {
        // The same program, as its host side: through its apphost, or through dotnet when that is what ran us.
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // No file watchers for configuration: the hosts never reload it, and on a shared machine the user's
        // inotify instances can run out, which would stop a host at start.
        start.Environment["DOTNET_hostBuilder__reloadConfigOnChange"] = "false";

        // The garbage collector BackCare runs with when deployed (its runtimeconfig, from the Web SDK: server GC),
        // for both bots: this program's own runtimeconfig, a console app's, would give them the workstation one.
        start.Environment["DOTNET_gcServer"] = GcServer ? "1" : "0";
        if (string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var argument in new[] { "host", bot, store, url, dataFolder })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the host process.");
    }

    private static async Task<string[]> AskAsync(Process host, string command)
    {
        await host.StandardInput.WriteLineAsync(command);
        await host.StandardInput.FlushAsync();
        var line = await host.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) ?? throw new InvalidOperationException("The host closed its output.");
        var parts = line.Split(' ');
        return parts[0] == command.Split(' ')[0] ? parts[1..] : throw new InvalidOperationException($"Unexpected answer from the host: {line}");
    }

    private static async Task StopHostAsync(Process host)
    {
        if (host.HasExited)
        {
            return;
        }

        try
        {
            await host.StandardInput.WriteLineAsync("quit");
            await host.StandardInput.FlushAsync();
            await host.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (Exception ex) when (ex is IOException or TimeoutException)
        {
            host.Kill(entireProcessTree: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Prints one store's figures, BackCare beside the floor.</summary>
internal static class Report
{
    public static void Print(string store, IReadOnlyList<BotRun> backcare, IReadOnlyList<BotRun> floor)
    {
        var i = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(backcare.Count == 1 ? $"{store} store" : $"{store} store (medians of {backcare.Count} rounds; ratio: the median of the rounds' own ratios)");
        Console.WriteLine(string.Create(i, $"  {"",-28}{"BackCare",14}{"SDK floor",14}{"ratio",10}"));
        Row("turns (measured)", r => r.Turns, "F0", ratio: false);
        Row("failed conversations", r => r.Failures, "F0", ratio: false);
        Row("turns/s", r => r.TurnsPerSecond, "F0");
        Row("p50 ms", r => r.Percentile(0.50), "F1");
        Row("p95 ms", r => r.Percentile(0.95), "F1");
        Row("p99 ms", r => r.Percentile(0.99), "F1");
        Row("host CPU ms/turn", r => r.CpuMs / Math.Max(1, r.Turns), "F2");
        Row("load client CPU ms/turn", r => r.ClientCpuMs / Math.Max(1, r.Turns), "F2");
        Row("allocated KiB/turn (host)", r => r.AllocatedPerTurn / 1024, "F1");
        Row("GCs gen0/1/2 (sum)", r => 0, "F0", ratio: false, text: r => $"{r.Sum(x => x.Gen0)}/{r.Sum(x => x.Gen1)}/{r.Sum(x => x.Gen2)}");
        Row("GC pause ms", r => r.GcPauseMs, "F0");
        Row("warm-up triages/conversation", r => r.WarmupTriages, "F0", ratio: false);
        Row("JIT ms while measured", r => r.JitMs, "F0", ratio: false);
        Row("stored state B/conversation", r => r.StateBytesPerConversation, "F0");
        Row("first reply ms after start", r => r.FirstReplyMs, "F0");
        Row("host working set MiB", r => r.WorkingSet / 1048576.0, "F0");
        if (backcare.Count > 1)
        {
            Console.WriteLine("  each round, BackCare / floor: turns/s " + string.Join("  ", backcare.Zip(floor, (b, f) => (b.TurnsPerSecond / f.TurnsPerSecond).ToString("F2", i)))
                + "; p99 " + string.Join("  ", backcare.Zip(floor, (b, f) => (b.Percentile(0.99) / f.Percentile(0.99)).ToString("F2", i))));
        }

        void Row(string name, Func<BotRun, double> figure, string format, bool ratio = true, Func<IReadOnlyList<BotRun>, string>? text = null)
        {
            var a = text?.Invoke(backcare) ?? Median(backcare.Select(figure)).ToString(format, i);
            var b = text?.Invoke(floor) ?? Median(floor.Select(figure)).ToString(format, i);
            var ratios = backcare.Zip(floor, (x, y) => figure(y) > 0 ? figure(x) / figure(y) : double.NaN).Where(r => !double.IsNaN(r)).ToList();
            var shown = ratio && text is null && ratios.Count > 0 ? Median(ratios).ToString("F2", i) : string.Empty;
            Console.WriteLine(string.Create(i, $"  {name,-28}{a,14}{b,14}{shown,10}"));
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
