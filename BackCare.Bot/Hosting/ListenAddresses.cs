namespace BackCare.Bot.Hosting;

/// <summary>The addresses the host is configured to listen on, as configuration says (urls, ports, Kestrel endpoints).</summary>
public static class ListenAddresses
{
    /// <summary>The configured addresses that reach beyond this machine.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The addresses; empty when the host listens on loopback only (or on the default, localhost:5000).</returns>
    public static List<string> NonLoopback(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var urls = new List<string>();
        urls.AddRange(Split(configuration["urls"]));
        foreach (var portsKey in new[] { "http_ports", "https_ports" })
        {
            // ASPNETCORE_HTTP_PORTS and friends listen on every interface.
            urls.AddRange(Split(configuration[portsKey]).Select(port => $"http://*:{port}"));
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            urls.AddRange(Split(endpoint["Url"]));
        }

        return urls.Where(url => !IsLoopback(url)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static string[] Split(string? value)
        => (value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsLoopback(string url)
    {
        // "http://*:80" and "http://+:80" are not valid URIs for Uri; take the host part by hand.
        var rest = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        var host = rest.StartsWith('[') ? rest[..(rest.IndexOf(']') + 1)] : rest.Split(':', '/')[0];
        return LocalMode.IsLoopbackHost(host);
    }
}
