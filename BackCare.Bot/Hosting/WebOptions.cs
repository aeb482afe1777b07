using Microsoft.Extensions.Options;

namespace BackCare.Bot.Hosting;

/// <summary>Settings of the web page: read by <see cref="SecurityHeaders"/>.</summary>
public sealed class WebOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "BackCare:Web";

    /// <summary>Gets or sets the origins allowed to show the page in a frame (for example https://intranet.example.org). Default none.</summary>
    public string[] FrameAncestors { get; set; } = [];

    /// <summary>The origin an entry names (scheme, host and port), or <c>null</c> when it is not an http(s) origin.</summary>
    /// <param name="entry">An entry of <see cref="FrameAncestors"/>.</param>
    /// <returns>The origin, or <c>null</c>.</returns>
    public static string? Origin(string? entry)
        => Uri.TryCreate(entry, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;
}

/// <summary>Each frame ancestor must be an http(s) origin: a path or a bare host name would make a broken CSP.</summary>
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
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
