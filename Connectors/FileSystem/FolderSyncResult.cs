using Assistant.Rag.Ingestion;

namespace Assistant.Connectors.FileSystem;

/// <summary>What a folder sync did: the ingest result and the files it skipped.</summary>
public sealed record FolderSyncResult(IngestResult Ingest, IReadOnlyList<SkippedFile> Skipped);
