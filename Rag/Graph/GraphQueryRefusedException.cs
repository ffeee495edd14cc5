namespace Assistant.Rag.Graph;

/// <summary>The guard refused a query: it is not a plain read query. The message says why, without echoing the query.</summary>
public sealed class GraphQueryRefusedException(string message) : Exception(message);
