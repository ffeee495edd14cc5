using System.Buffers.Binary;
using System.IO.Compression;

namespace Assistant.Bot.Tests.Teams;

/// <summary>Reads the pixels of an 8-bit RGBA, non-interlaced PNG (the kind manifests/teams/make-icons.py writes).</summary>
internal static class Png
{
    public static IReadOnlyList<(byte R, byte G, byte B, byte A)> ReadRgba(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
        var height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20));
        Assert.Equal((8, 6, 0), (bytes[24], bytes[25], bytes[28])); // 8-bit, RGBA, not interlaced

        using var compressed = new MemoryStream();
        for (var at = 8; at < bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
            if (bytes.AsSpan(at + 4, 4).SequenceEqual("IDAT"u8))
            {
                compressed.Write(bytes, at + 8, length);
            }

            at += length + 12;
        }

        compressed.Position = 0;
        using var inflate = new ZLibStream(compressed, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflate.CopyTo(raw);
        var data = raw.ToArray();

        var stride = width * 4;
        var pixels = new List<(byte, byte, byte, byte)>(width * height);
        var previous = new byte[stride];
        for (var y = 0; y < height; y++)
        {
            var filter = data[y * (stride + 1)];
            var line = data.AsSpan(y * (stride + 1) + 1, stride).ToArray();
            Unfilter(filter, line, previous);
            for (var x = 0; x < width; x++)
            {
                pixels.Add((line[x * 4], line[x * 4 + 1], line[x * 4 + 2], line[x * 4 + 3]));
            }

            previous = line;
        }

        return pixels;
    }

    private static void Unfilter(byte filter, byte[] line, byte[] previous)
    {
        for (var i = 0; i < line.Length; i++)
        {
            var left = i >= 4 ? line[i - 4] : 0;
            var up = previous[i];
            var upLeft = i >= 4 ? previous[i - 4] : 0;
            line[i] = filter switch
            {
                0 => line[i],
                1 => (byte)(line[i] + left),
                2 => (byte)(line[i] + up),
                3 => (byte)(line[i] + ((left + up) / 2)),
                4 => (byte)(line[i] + Paeth(left, up, upLeft)),
                _ => throw new InvalidDataException($"Unknown PNG filter {filter}."),
            };
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
