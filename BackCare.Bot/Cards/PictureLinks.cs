using BackCare.Bot.Hosting;
using Microsoft.Bot.Connector;
using Microsoft.Extensions.Options;

namespace BackCare.Bot.Cards;

/// <summary>
/// The absolute URL of a picture the host serves, for a card. From <see cref="WebOptions.PublicBaseUrl"/> when set;
/// otherwise, in local mode only, the loopback address the current request came in on (the Emulator and the local
/// Web Chat page reach the host there, and a loopback Host header cannot point anywhere else). A Host header is
/// never trusted beyond that, and Teams gets only https URLs (it shows no other picture): with none, no picture.
/// </summary>
/// <param name="options">The web settings.</param>
/// <param name="configuration">The configuration, for local mode.</param>
/// <param name="http">The current request, when there is one.</param>
public sealed class PictureLinks(IOptions<WebOptions> options, IConfiguration configuration, IHttpContextAccessor http)
{
    /// <summary>The URL of a file under wwwroot, or <c>null</c> when no safe address is known for this channel.</summary>
    /// <param name="file">The file, relative to wwwroot.</param>
    /// <param name="channelId">The channel the card goes to.</param>
    /// <returns>The URL, or <c>null</c>.</returns>
    public Uri? For(string file, string? channelId)
    {
        ArgumentNullException.ThrowIfNull(file);
        var root = BaseUrl();
        if (root is null || (channelId == Channels.Msteams && root.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        return new Uri(root, file);
    }

    private Uri? BaseUrl()
    {
        if (WebOptions.BaseUrl(options.Value.PublicBaseUrl) is { } configured)
        {
            return configured;
        }

        var request = http.HttpContext?.Request;
        if (request is null || !LocalMode.IsOn(configuration) || !request.Host.HasValue || !LocalMode.IsLoopbackHost(request.Host.Host)
            || request.Host.Port is <= 0 or > 65535 || request.Scheme is not ("http" or "https"))
        {
            return null;
        }

        return new Uri($"{request.Scheme}://{request.Host.ToUriComponent()}/");
    }
}
