namespace Assistant.Rag.Generation;

/// <summary>A retrieval route that contributed to an answer: its name, fusion weight, why it was chosen and how many hits it gave.</summary>
public sealed record RouteUse(string Name, double Weight, string Reason, int Hits);
