using Assistant.Rag.Ingestion;

namespace Assistant.Rag.Indexes;

/// <summary>A chunk as the catalog keeps it: the chunk and its character span in its parent section.</summary>
public sealed record StoredChunk(Chunk Chunk, int Start, int End);
