namespace Assistant.Rag.Ingestion;

/// <summary>Progress of one ingest: documents looked at, chunks embedded so far and the embedding rate.</summary>
public sealed record IngestProgress(int DocumentsDone, int DocumentsTotal, int ChunksEmbedded, double ChunksPerSecond);
