namespace Assistant.Rag.Graph;

/// <summary>A query that parsed but failed while running (a type error, an unknown function, a timeout or a size limit).</summary>
public sealed class CypherRuntimeException(string message) : Exception(message);
