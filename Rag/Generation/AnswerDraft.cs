using Assistant.Rag.Retrieval;

namespace Assistant.Rag.Generation;

/// <summary>
/// An answer before it is numbered for the user: text whose "[n]" markers refer to positions (from 1) in
/// <see cref="Sources"/>, the list of passages the generator was given.
/// </summary>
public sealed record AnswerDraft(string Text, IReadOnlyList<Passage> Sources, AnswerKind Kind);
