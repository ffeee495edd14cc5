namespace Assistant.Rag.Ingestion;

/// <summary>A titled part of a document: the parent passage that chunks are cut from.</summary>
/// <param name="Heading">The heading path of the section ("Travel › Per diem"); empty for untitled text.</param>
/// <param name="Text">Plain text of the section, paragraphs separated by blank lines.</param>
public sealed record DocumentSection(string Heading, string Text);
