namespace Assistant.Rag.Ingestion;

/// <summary>A sentence (or a piece of an over-long one) inside a section's text: what chunks are built from.</summary>
/// <param name="Start">First character in the section text.</param>
/// <param name="End">One past the last character.</param>
/// <param name="Tokens">Length in model tokens.</param>
internal readonly record struct TextUnit(int Start, int End, int Tokens);
