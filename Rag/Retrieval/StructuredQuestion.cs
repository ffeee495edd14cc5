namespace Assistant.Rag.Retrieval;

/// <summary>A standalone question handed to a structured route.</summary>
/// <param name="Text">The question as searched (after follow-up rewriting).</param>
/// <param name="Language">Its detected language ("en", "zh", "ja", …).</param>
/// <param name="Now">The time relative periods ("last quarter", "上个月") are resolved against.</param>
/// <param name="Access">Whose principals the answer may draw on: a route whose facts come from documents (the graph) uses
/// only facts from documents these principals may read; null is public documents only.</param>
public sealed record StructuredQuestion(string Text, string Language, DateTimeOffset Now, Access.AccessFilter? Access = null);
