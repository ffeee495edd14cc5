namespace Assistant.Rag.Tests.Graph;

/// <summary>One query of a conformance set, with its parameters.</summary>
internal sealed record GraphCase(string Cypher, Dictionary<string, object?>? Parameters = null);
