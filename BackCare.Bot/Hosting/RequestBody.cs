using System.Buffers;
using Microsoft.Net.Http.Headers;

namespace BackCare.Bot.Hosting;

/// <summary>Reads request bodies with a limit in bytes, whatever the framing (Content-Length or chunked).</summary>
public static class RequestBody
{
    /// <summary>The largest body any route accepts; larger ones are cut off by the server before they are read.</summary>
    public const long ServerMaxBytes = 1024 * 1024;

    /// <summary>Whether the request says its body is JSON (application/json, any charset).</summary>
    /// <param name="request">The request.</param>
    /// <returns><c>true</c> for JSON.</returns>
    public static bool IsJson(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Reads the whole body if it is at most <paramref name="maxBytes"/> bytes.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="maxBytes">The limit.</param>
    /// <returns>The bytes, or <c>null</c> when the body is larger.</returns>
    public static async Task<byte[]?> ReadAsync(HttpContext context, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        // The server's own limit (ServerMaxBytes) stays: lowered to this route's, the rest of a body over it
        // could not be read past the refusal, and the server would close the connection under a client still
        // sending, which then sees a broken pipe instead of its 413.
        // One buffer, sized from Content-Length when the client sends it, else grown from the pool: no chunk
        // buffer and no copy per request. Only the exact bytes are returned.
        var buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is > 0 and var length ? (int)length + 1 : 4096);
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (filled > maxBytes)
                    {
                        return null;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(filled), context.RequestAborted);
                if (read == 0)
                {
                    return buffer.AsSpan(0, filled).ToArray();
                }

                filled += read;
                if (filled > maxBytes)
                {
                    return null;
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
