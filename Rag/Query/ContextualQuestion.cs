using Assistant.Rag.Memory;

namespace Assistant.Rag.Query;

/// <summary>A question read in its conversation: what to search, and where to remember the turn.</summary>
/// <param name="Question">What the user typed (trimmed).</param>
/// <param name="Standalone">The question rewritten to stand alone; equal to <paramref name="Question"/> when it already did.</param>
/// <param name="KeywordQuery">The standalone question without stop words, for the keyword route.</param>
/// <param name="Key">The conversation's memory key.</param>
/// <param name="History">What the conversation remembered before this turn (empty when memory was unavailable).</param>
public sealed record ContextualQuestion(string Question, string Standalone, string KeywordQuery, ConversationKey Key, ConversationHistory History);
