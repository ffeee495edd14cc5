namespace Assistant.Connectors.FileSystem;

/// <summary>A file that was not ingested, and why (never its content).</summary>
public sealed record SkippedFile(string RelativePath, string Reason);
