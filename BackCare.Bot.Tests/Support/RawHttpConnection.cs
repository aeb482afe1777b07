using System.Net.Sockets;
using System.Text;

namespace BackCare.Bot.Tests.Support;

/// <summary>
/// One HTTP/1.1 keep-alive connection written byte by byte, for what HttpClient hides: whether the server
/// keeps a connection open after refusing a request, so the next request on it is answered.
/// </summary>
public sealed class RawHttpConnection : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly string _host;
    private readonly List<byte> _unread = [];

    private RawHttpConnection(TcpClient client, string host)
    {
        _client = client;
        _stream = client.GetStream();
        _host = host;
    }

    public static async Task<RawHttpConnection> OpenAsync(Uri baseAddress)
    {
        var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port);
        return new RawHttpConnection(client, baseAddress.Authority);
    }

    /// <summary>Sends a POST whose body goes in 8 KiB chunks (Transfer-Encoding: chunked).</summary>
    public async Task SendChunkedAsync(string path, byte[] body, string contentType, string? authorization = null)
    {
        var head = $"POST {path} HTTP/1.1\r\nHost: {_host}\r\nContent-Type: {contentType}\r\nTransfer-Encoding: chunked\r\n"
            + (authorization is null ? string.Empty : $"Authorization: {authorization}\r\n")
            + "\r\n";
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        for (var offset = 0; offset < body.Length; offset += 8192)
        {
            var length = Math.Min(8192, body.Length - offset);
            await _stream.WriteAsync(Encoding.ASCII.GetBytes(length.ToString("X", System.Globalization.CultureInfo.InvariantCulture) + "\r\n"));
            await _stream.WriteAsync(body.AsMemory(offset, length));
            await _stream.WriteAsync("\r\n"u8.ToArray());
        }

        await _stream.WriteAsync("0\r\n\r\n"u8.ToArray());
    }

    /// <summary>Reads one response's status code and headers, and its body (Content-Length or chunked).</summary>
    /// <returns>The status code, or <c>null</c> when the server closed the connection instead of answering.</returns>
    public async Task<(int? Status, string Head)> ReadResponseAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var head = await ReadUntilAsync("\r\n\r\n"u8.ToArray(), timeout.Token);
        if (head is null)
        {
            return (null, string.Empty);
        }

        var text = Encoding.ASCII.GetString(head);
        var status = int.Parse(text.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        var lines = text.Split("\r\n");
        var length = lines.FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        if (length is not null)
        {
            await ReadExactlyAsync(int.Parse(length["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture), timeout.Token);
        }
        else if (lines.Any(l => l.Equals("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)))
        {
            while (true)
            {
                var size = Convert.ToInt32(Encoding.ASCII.GetString((await ReadUntilAsync("\r\n"u8.ToArray(), timeout.Token))!).Trim(), 16);
                await ReadExactlyAsync(size + 2, timeout.Token);
                if (size == 0)
                {
                    break;
                }
            }
        }

        return (status, text);
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _client.Dispose();
    }

    private async Task<byte[]?> ReadUntilAsync(byte[] end, CancellationToken cancellation)
    {
        while (true)
        {
            var at = IndexOf(end);
            if (at >= 0)
            {
                var found = _unread.GetRange(0, at + end.Length).ToArray();
                _unread.RemoveRange(0, at + end.Length);
                return found;
            }

            if (!await FillAsync(cancellation))
            {
                return null;
            }
        }
    }

    private async Task ReadExactlyAsync(int count, CancellationToken cancellation)
    {
        while (_unread.Count < count)
        {
            if (!await FillAsync(cancellation))
            {
                throw new IOException("The server closed the connection inside a response body.");
            }
        }

        _unread.RemoveRange(0, count);
    }

    private async Task<bool> FillAsync(CancellationToken cancellation)
    {
        var buffer = new byte[16384];
        int read;
        try
        {
            read = await _stream.ReadAsync(buffer, cancellation);
        }
        catch (IOException)
        {
            return false;
        }

        _unread.AddRange(buffer.AsSpan(0, read).ToArray());
        return read > 0;
    }

    private int IndexOf(byte[] value)
    {
        for (var i = 0; i + value.Length <= _unread.Count; i++)
        {
            var match = true;
            for (var j = 0; j < value.Length && match; j++)
            {
                match = _unread[i + j] == value[j];
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }
}
