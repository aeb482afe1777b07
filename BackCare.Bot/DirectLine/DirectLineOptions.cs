namespace BackCare.Bot.DirectLine;

/// <summary>How the Web Chat page reaches the bot: the Azure Direct Line service, or the host's own offline endpoint.</summary>
public sealed class DirectLineOptions
{
    /// <summary>Gets or sets the Direct Line secret. When set, the page gets tokens for the Azure service; the secret never leaves the host.</summary>
    public string Secret { get; set; } = string.Empty;

    /// <summary>Gets or sets the Azure Direct Line endpoint. Default https://directline.botframework.com/v3/directline.</summary>
    public string Endpoint { get; set; } = "https://directline.botframework.com/v3/directline";

    /// <summary>
    /// Gets or sets the address at which browsers reach this host (for example https://backcare.example.org), used
    /// for the offline Direct Line domain. When empty, the request's host is used only if it is a loopback name
    /// or address; the raw Host header is never copied into a token response.
    /// </summary>
    public string PublicUrl { get; set; } = string.Empty;

    /// <summary>Gets or sets how long an offline token lasts, in seconds. Default 1800 (as Direct Line's).</summary>
    public int TokenSeconds { get; set; } = 1800;

    /// <summary>Gets or sets how long a token stays valid after it was refreshed, in seconds, for requests already on their way. Default 60.</summary>
    public int RefreshGraceSeconds { get; set; } = 60;

    /// <summary>Gets or sets the most offline conversations kept in memory at once; beyond it the least recently used go first. Default 1000.</summary>
    public int MaxConversations { get; set; } = 1000;

    /// <summary>Gets or sets the most activities an offline conversation keeps; older ones are dropped. Default 1000.</summary>
    public int MaxActivitiesPerConversation { get; set; } = 1000;

    /// <summary>Gets or sets the most bytes (activities as JSON) an offline conversation keeps; older activities are dropped. Default 1 MiB.</summary>
    public int MaxTranscriptBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets how many tokens one client (IP address) may ask for per minute. Default 30.</summary>
    public int TokenRequestsPerMinute { get; set; } = 30;
}
