namespace Assistant.Rag.Indexes;

/// <summary>
/// A question a chunk answers, written by the LLM at ingestion (index-time HyDE), with its embedding. Indexed as an extra
/// vector record that resolves to its chunk, and appended to the chunk's keyword text; never shown or cited.
/// </summary>
public sealed record HypotheticalQuestion(string Text, float[] Embedding);
