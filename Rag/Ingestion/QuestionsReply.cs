using System.Text.Json;

namespace Assistant.Rag.Ingestion;

/// <summary>
/// The hypothetical-questions reply: one entry per passage, each {"id": n, "questions": [...]}. The entries stay JSON so
/// that one malformed entry is dropped alone rather than failing the whole reply (see <see cref="HypotheticalQuestionGenerator.Select"/>).
/// </summary>
internal sealed record QuestionsReply(IReadOnlyList<JsonElement> Passages);
