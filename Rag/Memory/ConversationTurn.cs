namespace Assistant.Rag.Memory;

/// <summary>One remembered exchange of a conversation.</summary>
/// <param name="Question">What the user typed.</param>
/// <param name="StandaloneQuestion">The question as it was searched, after follow-up rewriting.</param>
/// <param name="AnswerSummary">The start of the answer (bounded by <see cref="MemoryOptions.AnswerSummaryChars"/>).</param>
/// <param name="SourceIds">The documents the answer cited, in citation order.</param>
/// <param name="At">When the turn was answered.</param>
public sealed record ConversationTurn(
    string Question,
    string StandaloneQuestion,
    string AnswerSummary,
    IReadOnlyList<string> SourceIds,
    DateTimeOffset At);
