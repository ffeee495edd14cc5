namespace Assistant.Rag.Graph;

/// <summary>An example's Cypher with the question's values put in, and how much the adaptation can be trusted (0..1).</summary>
internal sealed record AdaptedCypher(string Cypher, double Trust, string? Answer);
