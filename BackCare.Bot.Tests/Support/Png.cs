using System.Buffers.Binary;
using System.IO.Compression;

namespace BackCare.Bot.Tests.Support;

/// <summary>Reads a PNG's size and, for 8-bit RGBA images, its pixels: enough to check the Teams icons.</summary>
public sealed class Png
{
    private Png(int width, int height, byte colorType, byte[][] rows)
    {
        Width = width;
        Height = height;
        ColorType = colorType;
        Rows = rows;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>6 is RGBA, 2 is RGB.</summary>
    public byte ColorType { get; }

    private byte[][] Rows { get; }

    public (byte R, byte G, byte B, byte A) Pixel(int x, int y)
    {
        var row = Rows[y];
        return (row[x * 4], row[(x * 4) + 1], row[(x * 4) + 2], row[(x * 4) + 3]);
    }

    public static Png Read(string path) => Read(File.ReadAllBytes(path), path);

    /// <summary>Reads a PNG from its bytes (a chart sent inline, for example).</summary>
    public static Png Read(byte[] bytes, string what = "The image")
    {
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (bytes.Length < 8 || !bytes.AsSpan(0, 8).SequenceEqual(signature))
        {
            throw new InvalidDataException($"{what} is not a PNG.");
        }

        int width = 0, height = 0;
        byte depth = 0, colorType = 0;
        using var idat = new MemoryStream();
        for (var at = 8; at < bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4);
            var data = bytes.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                depth = data[8];
                colorType = data[9];
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            at += 12 + length;
        }

        var rows = Array.Empty<byte[]>();
        if (depth == 8 && colorType == 6)
        {
            rows = Unfilter(Inflate(idat.ToArray()), width, height, 4);
        }

        return new Png(width, height, colorType, rows);
    }

    private static byte[] Inflate(byte[] zlib)
    {
        using var input = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static byte[][] Unfilter(byte[] data, int width, int height, int bytesPerPixel)
    {
        var stride = width * bytesPerPixel;
        var rows = new byte[height][];
        var previous = new byte[stride];
        for (var y = 0; y < height; y++)
        {
            var filter = data[y * (stride + 1)];
            var row = data.AsSpan((y * (stride + 1)) + 1, stride).ToArray();
            for (var i = 0; i < stride; i++)
            {
                var left = i >= bytesPerPixel ? row[i - bytesPerPixel] : 0;
                var up = previous[i];
                var upLeft = i >= bytesPerPixel ? previous[i - bytesPerPixel] : 0;
                row[i] = filter switch
                {
                    0 => row[i],
                    1 => (byte)(row[i] + left),
                    2 => (byte)(row[i] + up),
                    3 => (byte)(row[i] + ((left + up) / 2)),
                    4 => (byte)(row[i] + Paeth(left, up, upLeft)),
                    _ => throw new InvalidDataException($"Unknown PNG filter {filter}."),
                };
            }

            rows[y] = row;
            previous = row;
        }

        return rows;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
