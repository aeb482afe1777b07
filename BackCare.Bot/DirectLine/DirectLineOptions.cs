using System.ComponentModel.DataAnnotations;
using BackCare.Bot.Hosting;
using Microsoft.Extensions.Options;

namespace BackCare.Bot.DirectLine;

/// <summary>How the Web Chat page reaches the bot: the Azure Direct Line service, or the host's own offline endpoint.</summary>
public sealed class DirectLineOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "BackCare:DirectLine";

    /// <summary>Gets or sets the Direct Line secret. When set, the page gets tokens for the Azure service; the secret never leaves the host.</summary>
    public string Secret { get; set; } = string.Empty;

    /// <summary>Gets or sets the Azure Direct Line endpoint, an absolute https URL (http only on loopback). Default https://directline.botframework.com/v3/directline.</summary>
    public string Endpoint { get; set; } = "https://directline.botframework.com/v3/directline";

    /// <summary>
    /// Gets or sets the address at which browsers reach this host (for example https://backcare.example.org), used
    /// for the offline Direct Line domain. When empty, the request's host is used only if it is a loopback name
    /// or address; the raw Host header is never copied into a token response.
    /// </summary>
    public string PublicUrl { get; set; } = string.Empty;

    /// <summary>Gets or sets how long an offline token lasts, in seconds. Default 1800 (as Direct Line's).</summary>
    [Display(Name = Section + ":" + nameof(TokenSeconds))]
    [Range(60, 86400, ErrorMessage = "{0} must be between {1} and {2} seconds.")]
    public int TokenSeconds { get; set; } = 1800;

    /// <summary>Gets or sets how long a token stays valid after it was refreshed, in seconds, for requests already on their way. Default 60.</summary>
    [Display(Name = Section + ":" + nameof(RefreshGraceSeconds))]
    [Range(0, 3600, ErrorMessage = "{0} must be between {1} and {2} seconds.")]
    public int RefreshGraceSeconds { get; set; } = 60;

    /// <summary>Gets or sets the most offline conversations open at once (in memory, each also kept in the store); beyond it the least recently used ends, in memory and store. Default 1000.</summary>
    [Display(Name = Section + ":" + nameof(MaxConversations))]
    [Range(1, 1_000_000, ErrorMessage = "{0} must be between {1} and {2}.")]
    public int MaxConversations { get; set; } = 1000;

    /// <summary>Gets or sets the most activities an offline conversation keeps; older ones are dropped. Default 1000.</summary>
    [Display(Name = Section + ":" + nameof(MaxActivitiesPerConversation))]
    [Range(1, 100_000, ErrorMessage = "{0} must be between {1} and {2}.")]
    public int MaxActivitiesPerConversation { get; set; } = 1000;

    /// <summary>Gets or sets the most bytes (activities as JSON) an offline conversation keeps; older activities are dropped. Default 1 MiB.</summary>
    [Display(Name = Section + ":" + nameof(MaxTranscriptBytes))]
    [Range(1024, 64 * 1024 * 1024, ErrorMessage = "{0} must be between {1} and {2} bytes.")]
    public int MaxTranscriptBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Gets or sets how long, in seconds, an offline poll that names a watermark (as Web Chat's always does) waits
    /// for something new before it answers with nothing, so a reply reaches the page as soon as it is written
    /// instead of at the next poll. 0 answers at once. Default 5; at most 15, well inside Web Chat's 20-second
    /// request timeout.
    /// </summary>
    [Display(Name = Section + ":" + nameof(PollWaitSeconds))]
    [Range(0, 15, ErrorMessage = "{0} must be between {1} and {2} seconds.")]
    public int PollWaitSeconds { get; set; } = 5;

    /// <summary>Gets or sets how many tokens one client (IP address) may ask for per minute. Default 30.</summary>
    [Display(Name = Section + ":" + nameof(TokenRequestsPerMinute))]
    [Range(1, 10_000, ErrorMessage = "{0} must be between {1} and {2}.")]
    public int TokenRequestsPerMinute { get; set; } = 30;
}

/// <summary>The addresses: the service endpoint is an absolute https URL (http only on loopback); the public URL, when set, an http(s) origin.</summary>
public sealed class DirectLineOptionsValidator : IValidateOptions<DirectLineOptions>
{
    private const string Section = DirectLineOptions.Section;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, DirectLineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        // The secret travels to this endpoint: https, or plain http only to a stand-in on this machine.
        if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint)
            || !(endpoint.Scheme == Uri.UriSchemeHttps || (endpoint.Scheme == Uri.UriSchemeHttp && LocalMode.IsLoopbackHost(endpoint.Host)))
            || !string.IsNullOrEmpty(endpoint.Query)
            || !string.IsNullOrEmpty(endpoint.Fragment))
        {
            failures.Add($"{Section}:{nameof(DirectLineOptions.Endpoint)} must be an absolute https URL, like https://directline.botframework.com/v3/directline (http only to this machine).");
        }

        if (!string.IsNullOrEmpty(options.PublicUrl)
            && !(Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out var publicUrl)
                && publicUrl.Scheme is "https" or "http"
                && publicUrl.AbsolutePath == "/"
                && string.IsNullOrEmpty(publicUrl.Query)
                && string.IsNullOrEmpty(publicUrl.Fragment)
                && string.IsNullOrEmpty(publicUrl.UserInfo)))
        {
            failures.Add($"{Section}:{nameof(DirectLineOptions.PublicUrl)} must be empty or the address browsers use to reach this host, with no path, like https://backcare.example.org.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
