using System.Runtime.InteropServices;

namespace Assistant.Rag.Feedback;

/// <summary>Question embeddings as stored: little-endian float32 bytes.</summary>
internal static class EmbeddingBytes
{
    public static byte[]? ToBytes(ReadOnlyMemory<float> embedding) =>
        embedding.IsEmpty ? null : MemoryMarshal.AsBytes(embedding.Span).ToArray();

    public static ReadOnlyMemory<float> FromBytes(byte[]? bytes) =>
        bytes is null || bytes.Length == 0 || bytes.Length % sizeof(float) != 0 ? ReadOnlyMemory<float>.Empty : MemoryMarshal.Cast<byte, float>(bytes).ToArray();
}
