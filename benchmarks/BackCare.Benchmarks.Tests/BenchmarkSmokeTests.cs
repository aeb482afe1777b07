using System.Diagnostics;
using System.Reflection;

namespace BackCare.Benchmarks.Tests;

/// <summary>
/// CI's smoke run of the benchmark at a small size: it completes, every conversation reaches the end of its
/// triage, and it prints its figures for both stores. No timing is asserted.
/// </summary>
public sealed class BenchmarkSmokeTests
{
    [Fact]
    public async Task A_small_run_completes_and_prints_its_figures()
    {
        var folder = typeof(BenchmarkSmokeTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BenchmarkOutput").Value!;
        var dll = Path.GetFullPath(Path.Combine(folder, "BackCare.Benchmarks.dll"));
        Assert.True(File.Exists(dll), $"The benchmark was not built: {dll}");

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { dll, "--conversations", "4", "--triages", "1", "--warmup", "1", "--max-warmup", "5", "--rounds", "1" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var printed = await output;
        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}\n{printed}\n{await errors}");
        foreach (var store in new[] { "Sqlite store", "Memory store" })
        {
            Assert.Contains(store, printed, StringComparison.Ordinal);
        }

        foreach (var figure in new[] { "turns/s", "p50 ms", "p95 ms", "p99 ms", "allocated KiB/turn (host)", "stored state B/conversation", "first reply ms after start", "load client CPU ms/turn", "warm-up triages/conversation" })
        {
            Assert.Contains(figure, printed, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Unrecognised reply", await errors, StringComparison.Ordinal);
    }
}
