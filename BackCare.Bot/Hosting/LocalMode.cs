using System.Net;

namespace BackCare.Bot.Hosting;

/// <summary>
/// Local mode: no MicrosoftAppId, so requests need no token (Emulator, local Web Chat). It is safe only on this
/// machine: the host then answers only loopback clients, and posts replies only to loopback serviceUrls.
/// </summary>
public static class LocalMode
{
    /// <summary>What each configuration said, read once: the SDK's authentication reads the app id once too, at start.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IConfiguration, object> Known = [];

    /// <summary>Whether the host runs without an app id (read once per configuration, as the SDK's authentication does).</summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns><c>true</c> in local mode.</returns>
    public static bool IsOn(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return (bool)Known.GetValue(configuration, c => string.IsNullOrWhiteSpace(c["MicrosoftAppId"]));
    }

    /// <summary>Whether a URL's host is this machine (localhost, 127.0.0.0/8, ::1).</summary>
    /// <param name="url">The URL.</param>
    /// <returns><c>true</c> for a loopback URL.</returns>
    public static bool IsLoopbackUrl(string? url)
        => Uri.TryCreate(url, UriKind.Absolute, out var uri) && IsLoopbackHost(uri.Host);

    /// <summary>Whether a host name or address is this machine.</summary>
    /// <param name="host">The host (brackets allowed around IPv6).</param>
    /// <returns><c>true</c> for loopback.</returns>
    public static bool IsLoopbackHost(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return false;
        }

        host = host.Trim('[', ']');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
