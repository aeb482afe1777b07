namespace BackCare.Bot.Hosting;

/// <summary>
/// When local mode (no MicrosoftAppId, so no authentication) may go beyond Development on this machine: read by
/// <see cref="StartupChecks"/> and by the loopback-only gate of <see cref="BackCareEndpoints"/>.
/// </summary>
public sealed class LocalModeOptions
{
    /// <summary>The configuration section (these settings sit at the top of BackCare's section).</summary>
    public const string Section = BackCareSettings.Root;

    /// <summary>
    /// Gets or sets a value indicating whether the host may start outside Development with an empty
    /// MicrosoftAppId, accepting unauthenticated traffic. Default <c>false</c>: it refuses to start.
    /// </summary>
    public bool AllowUnauthenticatedOutsideDevelopment { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the host may listen beyond loopback addresses with an empty
    /// MicrosoftAppId. Default <c>false</c>: local mode (no authentication) is for this machine only.
    /// </summary>
    public bool AllowUnauthenticatedOnNetwork { get; set; }
}
