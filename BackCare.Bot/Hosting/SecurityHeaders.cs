using BackCare.Bot.DirectLine;
using Microsoft.Extensions.Options;

namespace BackCare.Bot.Hosting;

/// <summary>
/// Security headers on every response: <c>X-Content-Type-Options: nosniff</c>, <c>Referrer-Policy: no-referrer</c>
/// and a Content-Security-Policy. The page gets one that fits the Web Chat widget (scripts from this host only,
/// inline styles for the widget's CSS-in-JS, connections to this host and, with a secret, the Direct Line
/// service); everything else (the APIs) gets <c>default-src 'none'</c>. Framing is allowed only by the origins
/// listed in <see cref="WebOptions.FrameAncestors"/> (none by default).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Adds the headers to every response of the application.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The application, for chaining.</returns>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Built on first use, from settings validated at start-up (a wrong FrameAncestors entry stops the start: WebOptionsValidator).
        var policies = new Lazy<(string Page, string Api, bool DenyFraming)>(() =>
        {
            var web = app.Services.GetRequiredService<IOptions<WebOptions>>().Value;
            var frameAncestors = FrameAncestors(web);
            return (PagePolicy(app.Services.GetRequiredService<IOptions<DirectLineOptions>>().Value, web, frameAncestors), $"default-src 'none'; frame-ancestors {frameAncestors}", web.FrameAncestors.Length == 0);
        });
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                var isPage = context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;
                var (pagePolicy, apiPolicy, denyFraming) = policies.Value;
                headers.ContentSecurityPolicy = isPage ? pagePolicy : apiPolicy;
                if (denyFraming)
                {
                    headers.XFrameOptions = "DENY";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>The frame-ancestors source list: the configured origins, checked, or <c>'none'</c>.</summary>
    /// <param name="web">The web settings.</param>
    /// <returns>The source list.</returns>
    /// <exception cref="ArgumentException">An entry is not an http(s) origin (start-up validation refuses it first).</exception>
    public static string FrameAncestors(WebOptions web)
    {
        ArgumentNullException.ThrowIfNull(web);
        if (web.FrameAncestors.Length == 0)
        {
            return "'none'";
        }

        var origins = web.FrameAncestors.Select(origin =>
            WebOptions.Origin(origin) ?? throw new ArgumentException($"BackCare:Web:FrameAncestors has '{origin}', which is not an origin like https://intranet.example.org.", nameof(web)));
        return string.Join(' ', origins);
    }

    private static string PagePolicy(DirectLineOptions directLine, WebOptions web, string frameAncestors)
    {
        // The exercise pictures in cards come from PublicBaseUrl, which may be another origin than the page's.
        var images = "'self' data: blob:";
        if (WebOptions.BaseUrl(web.PublicBaseUrl) is { } pictures)
        {
            images += $" {pictures.GetLeftPart(UriPartial.Authority)}";
        }

        // With a secret the page talks to the Azure Direct Line service: over HTTPS, and its WebSocket stream.
        var connect = "'self'";
        if (!string.IsNullOrWhiteSpace(directLine.Secret) && Uri.TryCreate(directLine.Endpoint, UriKind.Absolute, out var service))
        {
            connect += $" {service.GetLeftPart(UriPartial.Authority)} wss://{service.Authority}";
        }

        return string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            $"img-src {images}",
            "font-src 'self' data:",
            "media-src 'self' data: blob:",
            $"connect-src {connect}",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            $"frame-ancestors {frameAncestors}");
    }
}
