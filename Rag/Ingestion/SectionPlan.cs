namespace Assistant.Rag.Ingestion;

/// <summary>A section that has text, ready to be grouped into chunks.</summary>
/// <param name="Section">The section.</param>
/// <param name="Prefix">Title and heading embedded in front of each chunk.</param>
/// <param name="Budget">Tokens of text a chunk may hold.</param>
/// <param name="Units">The section's sentences in order; none is longer than the budget.</param>
internal sealed record SectionPlan(DocumentSection Section, string Prefix, int Budget, IReadOnlyList<TextUnit> Units);
