using System.Globalization;
using System.Text;
using Newtonsoft.Json;

namespace BackCare.Bot.Hosting;

/// <summary>
/// JSON text written through a buffer each thread keeps for the next call: a turn writes its state and its replies,
/// each a few KiB, and a new buffer for each grows and copies itself several times over.
/// </summary>
public static class JsonText
{
    /// <summary>The largest buffer a thread keeps (larger texts are written, their buffer let go).</summary>
    private const int KeptBuffer = 32 * 1024;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    [ThreadStatic]
    private static StringBuilder? _buffer;

    /// <summary>Writes a value as JSON in UTF-8 straight into a buffer writer (a response's body), without a string.</summary>
    /// <param name="serializer">The serializer (shared: it is not changed).</param>
    /// <param name="value">The value.</param>
    /// <param name="output">Where the bytes go (flushed by the caller).</param>
    public static void WriteUtf8(JsonSerializer serializer, object? value, System.Buffers.IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Serialize(serializer, value, type: null, text =>
        {
            var encoder = Utf8.GetEncoder();
            foreach (var chunk in text.GetChunks())
            {
                encoder.Convert(chunk.Span, output, flush: false, out _, out _);
            }

            encoder.Convert(ReadOnlySpan<char>.Empty, output, flush: true, out _, out _);
            return true;
        });
    }

    /// <summary>Writes a value as JSON.</summary>
    /// <param name="serializer">The serializer (shared: it is not changed).</param>
    /// <param name="value">The value.</param>
    /// <param name="type">The type to write it as (for type names), or <c>null</c> for its own.</param>
    /// <returns>The JSON.</returns>
    public static string Write(JsonSerializer serializer, object? value, Type? type = null)
        => Serialize(serializer, value, type, text => text.ToString());

    /// <summary>Serializes into the thread's buffer, hands the text to <paramref name="use"/>, and keeps the buffer.</summary>
    private static TResult Serialize<TResult>(JsonSerializer serializer, object? value, Type? type, Func<StringBuilder, TResult> use)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        var buffer = _buffer ?? new StringBuilder(4 * 1024);
        _buffer = null;
        try
        {
            using (var writer = new JsonTextWriter(new StringWriter(buffer, CultureInfo.InvariantCulture)) { Formatting = Formatting.None })
            {
                serializer.Serialize(writer, value, type);
            }

            return use(buffer);
        }
        finally
        {
            if (buffer.Capacity <= KeptBuffer)
            {
                buffer.Clear();
                _buffer = buffer;
            }
        }
    }
}
