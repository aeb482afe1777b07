using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace BackCare.Bot.Hosting;

/// <summary>
/// How the Web Chat page and its files are served, for a fast first paint. Files under <c>/lib</c> are named by
/// their version (the widget, <c>lib/webchat-4.18.1.js</c>), so they are cached for good
/// (<c>Cache-Control: public, max-age=31536000, immutable</c>) and served from the Brotli or gzip copy the build
/// made next to them when the browser accepts it. The exercise pictures under <c>/img/exercises</c>, shown in cards,
/// are kept a day. Every other file (the page, its script and strings) is revalidated on each load (<c>no-cache</c>,
/// with the ETag and Last-Modified the static-file middleware sends, so an unchanged file is a 304) and compressed
/// on the fly, being small. The bot's routes (<c>/api</c>, <c>/v3</c>)
/// are not touched.
/// </summary>
public static class StaticAssets
{
    /// <summary>The folder whose files are named by version and cached for good.</summary>
    public const string VersionedFolder = "/lib";

    /// <summary>What a versioned file's response says about caching.</summary>
    public const string ImmutableCaching = "public, max-age=31536000, immutable";

    /// <summary>The folder of the exercise pictures that cards show.</summary>
    public const string PicturesFolder = "/img/exercises";

    /// <summary>What a picture's response says about caching: a day, since a release may redraw one.</summary>
    public const string PictureCaching = "public, max-age=86400";

    private const string EncodingItem = "BackCare.StaticAssets.Encoding";

    private static readonly (string Encoding, string Extension)[] Precompressed = [("br", ".br"), ("gzip", ".gz")];

    /// <summary>Adds on-the-fly compression for the page's own small files (HTML, scripts, styles, SVG pictures).</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddStaticAssets(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            // Only the page's public files go through this (see UseStaticAssets), never an answer with personal data.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ["text/html", "text/javascript", "application/javascript", "text/css", "image/svg+xml"];
        });
        return services;
    }

    /// <summary>Serves the page (index.html at /) and the files of wwwroot, compressed and with caching headers.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The application, for chaining.</returns>
    public static WebApplication UseStaticAssets(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(context => !IsBotRoute(context.Request.Path), page => page.UseResponseCompression());
        app.Use(ChoosePrecompressed);
        app.UseDefaultFiles();

        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".br"] = "application/x-brotli";
        app.UseStaticFiles(new StaticFileOptions { ContentTypeProvider = types, OnPrepareResponse = PrepareResponse });
        return app;
    }

    private static bool IsBotRoute(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/v3");

    /// <summary>For a versioned file with a precompressed copy the browser accepts, serve the copy instead.</summary>
    private static Task ChoosePrecompressed(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && request.Path.StartsWithSegments(VersionedFolder)
            && request.Path.Value is { } path
            && !path.EndsWith(".br", StringComparison.OrdinalIgnoreCase)
            && !path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            var accepted = StringWithQualityHeaderValue.TryParseList([.. request.Headers.AcceptEncoding.OfType<string>()], out var encodings) ? encodings : [];
            var files = context.RequestServices.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider;
            foreach (var (encoding, extension) in Precompressed)
            {
                if (Accepts(accepted, encoding) && files.GetFileInfo(path + extension).Exists)
                {
                    request.Path = path + extension;
                    context.Items[EncodingItem] = (encoding, path);
                    break;
                }
            }
        }

        return next(context);
    }

    private static bool Accepts(IList<StringWithQualityHeaderValue> accepted, string encoding)
        => accepted.Any(a => (a.Value.Equals(encoding, StringComparison.OrdinalIgnoreCase) || a.Value.Equals("*", StringComparison.Ordinal)) && a.Quality is not 0);

    private static void PrepareResponse(StaticFileResponseContext file)
    {
        var context = file.Context;
        var headers = context.Response.Headers;
        if (context.Items[EncodingItem] is (string encoding, string original))
        {
            headers.ContentEncoding = encoding;
            headers.ContentType = new FileExtensionContentTypeProvider().TryGetContentType(original, out var type) ? type : "application/octet-stream";
        }

        if (context.Request.Path.StartsWithSegments(VersionedFolder))
        {
            headers.CacheControl = ImmutableCaching;
            headers.Vary = HeaderNames.AcceptEncoding;
        }
        else if (context.Request.Path.StartsWithSegments(PicturesFolder))
        {
            // The exercise pictures in cards: apps (Teams, Web Chat) may keep them a day; the ETag revalidates after.
            headers.CacheControl = PictureCaching;
        }
        else
        {
            headers.CacheControl = "no-cache";
        }
    }
}
