using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BackCare.Bot.Tests.Support;

/// <summary>
/// Azurite's Blob service on 127.0.0.1 for the tests. .ci/run starts one and names it in
/// BACKCARE_TEST_BLOB_CONNECTION; without that, the first test that needs it starts one from the test
/// project's node_modules (installed by the build) and stops it when the test run ends.
/// </summary>
public static class Azurite
{
    /// <summary>Azurite's well-known development account (public, documented by Microsoft; not a secret).</summary>
    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly Lazy<Task<string>> Started = new(StartAsync);
    private static Process? _process;

    /// <summary>A connection string for a running Azurite Blob service.</summary>
    public static Task<string> ConnectionStringAsync() => Started.Value;

    private static async Task<string> StartAsync()
    {
        var given = Environment.GetEnvironmentVariable("BACKCARE_TEST_BLOB_CONNECTION");
        if (!string.IsNullOrWhiteSpace(given))
        {
            return given;
        }

        var azurite = Path.Combine(SolutionPaths.Root, "BackCare.Bot.Tests", "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}. Build the test project (it runs npm ci) or run .ci/run.");
        }

        var port = FreePort();
        var location = Directory.CreateTempSubdirectory("azurite-").FullName;
        var start = new ProcessStartInfo(azurite, ["--silent", "--skipApiVersionCheck", "--location", location, "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited at start: {await _process.StandardError.ReadToEndAsync()}");
            }

            try
            {
                // Any HTTP answer (Azurite says 400/403 to an unsigned request) means it is listening.
                using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/devstoreaccount1?comp=list"));
                return ConnectionString(port);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
            catch (TaskCanceledException)
            {
                await Task.Delay(200);
            }
        }

        throw new TimeoutException("Azurite did not start listening within 60 seconds.");
    }

    private static string ConnectionString(int port)
        => $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevAccountKey};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Stop()
    {
        try
        {
            if (_process is { HasExited: false })
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
