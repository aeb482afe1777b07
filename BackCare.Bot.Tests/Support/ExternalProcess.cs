using System.Diagnostics;
using System.Text;

namespace BackCare.Bot.Tests.Support;

/// <summary>
/// Runs a program to completion, with a time limit, and keeps what it printed. With <c>onOutputLine</c>, each line
/// it prints is passed on as it comes, and a non-null answer is written to its standard input (a dialogue with it).
/// </summary>
public static class ExternalProcess
{
    public sealed record Result(int ExitCode, string Output, string Errors)
    {
        public string All => $"{Output}\n{Errors}";
    }

    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> arguments, string? workingDirectory = null, TimeSpan? timeout = null, IDictionary<string, string>? environment = null, Func<string, Task<string?>>? onOutputLine = null)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = onOutputLine is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? SolutionPaths.Root,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = onOutputLine is null ? process.StandardOutput.ReadToEndAsync() : ReadLinesAsync(process, onOutputLine);
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in time.\n{await output}\n{await errors}");
        }

        return new Result(process.ExitCode, await output, await errors);
    }

    private static async Task<string> ReadLinesAsync(Process process, Func<string, Task<string?>> onOutputLine)
    {
        var all = new StringBuilder();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            all.AppendLine(line);
            if (await onOutputLine(line) is { } answer)
            {
                await process.StandardInput.WriteLineAsync(answer);
                await process.StandardInput.FlushAsync();
            }
        }

        return all.ToString();
    }
}
