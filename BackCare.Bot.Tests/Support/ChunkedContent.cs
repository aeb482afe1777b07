using System.Net;

namespace BackCare.Bot.Tests.Support;

/// <summary>A body sent with chunked transfer encoding (no Content-Length), as a streaming client sends it.</summary>
public sealed class ChunkedContent(byte[] body, string mediaType = "application/json") : HttpContent
{
    private readonly byte[] _body = body;

    public ChunkedContent(string body, string mediaType = "application/json")
        : this(System.Text.Encoding.UTF8.GetBytes(body), mediaType)
    {
    }

    public string MediaType { get; } = mediaType;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var offset = 0; offset < _body.Length; offset += 8192)
        {
            await stream.WriteAsync(_body.AsMemory(offset, Math.Min(8192, _body.Length - offset)));
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    public static ChunkedContent Json(string body)
    {
        var content = new ChunkedContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }
}
