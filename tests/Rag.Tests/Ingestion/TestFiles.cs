using System.Text;

namespace Assistant.Rag.Tests.Ingestion;

/// <summary>Byte fixtures shared by the parser tests.</summary>
internal static class TestFiles
{
    public static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>Deterministic random bytes, as a corrupt download or a mislabelled binary would be.</summary>
    public static byte[] Garbage(int length = 4096, int seed = 42)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>The first <paramref name="fraction"/> of <paramref name="bytes"/>, as an interrupted copy leaves them.</summary>
    public static byte[] Truncate(byte[] bytes, double fraction = 0.5) => bytes[..(int)(bytes.Length * fraction)];
}
