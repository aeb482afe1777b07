using Microsoft.Extensions.Options;

namespace BackCare.Bot.Hosting;

/// <summary>Settings of the web page and the pictures: read by <see cref="SecurityHeaders"/> and the cards' picture links.</summary>
public sealed class WebOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "BackCare:Web";

    /// <summary>Gets or sets the origins allowed to show the page in a frame (for example https://intranet.example.org). Default none.</summary>
    public string[] FrameAncestors { get; set; } = [];

    /// <summary>
    /// Gets or sets the address people's apps reach this host at (https://backcare.example.org, a path allowed), for
    /// the absolute URLs of the exercise pictures in cards. Must be https for Teams, which shows no http picture.
    /// Default empty: in local mode the loopback address a request came in on, otherwise no pictures.
    /// </summary>
    public string PublicBaseUrl { get; set; } = string.Empty;

    /// <summary>The public base URL as a URI ending in a slash, or <c>null</c> when it is empty or not an absolute http(s) URL.</summary>
    /// <param name="setting">The setting's value.</param>
    /// <returns>The URI, or <c>null</c>.</returns>
    public static Uri? BaseUrl(string? setting)
        => Uri.TryCreate(setting, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo)
            ? new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/")
            : null;

    /// <summary>The origin an entry names (scheme, host and port), or <c>null</c> when it is not an http(s) origin.</summary>
    /// <param name="entry">An entry of <see cref="FrameAncestors"/>.</param>
    /// <returns>The origin, or <c>null</c>.</returns>
    public static string? Origin(string? entry)
        => Uri.TryCreate(entry, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;
}

/// <summary>Each frame ancestor must be an http(s) origin (a path or a bare host name would make a broken CSP); the public base URL an absolute http(s) URL.</summary>
public sealed class WebOptionsValidator : IValidateOptions<WebOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.FrameAncestors
            .Where(entry => WebOptions.Origin(entry) is null)
            .Select(entry => $"{WebOptions.Section}:{nameof(WebOptions.FrameAncestors)} has '{entry}', which is not an origin like https://intranet.example.org.")
            .ToList();
        if (!string.IsNullOrEmpty(options.PublicBaseUrl) && WebOptions.BaseUrl(options.PublicBaseUrl) is null)
        {
            failures.Add($"{WebOptions.Section}:{nameof(WebOptions.PublicBaseUrl)} must be empty or an absolute http(s) URL with no query, like https://backcare.example.org (https for Teams); '{options.PublicBaseUrl}' is not.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
