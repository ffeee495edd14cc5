namespace Assistant.Rag.Indexes;

/// <summary>The resolved, absolute index folder.</summary>
public sealed record IndexFolder(string Path);
