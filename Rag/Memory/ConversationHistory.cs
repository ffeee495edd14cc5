namespace Assistant.Rag.Memory;

/// <summary>What a conversation remembers: a summary of older turns (when an LLM wrote one) and the recent turns, oldest first.</summary>
/// <param name="Summary">A short summary of turns that no longer fit, or null.</param>
/// <param name="Turns">The recent turns, oldest first; the last is the previous question.</param>
public sealed record ConversationHistory(string? Summary, IReadOnlyList<ConversationTurn> Turns)
{
    /// <summary>A conversation with nothing remembered.</summary>
    public static ConversationHistory Empty { get; } = new(null, []);

    /// <summary>The previous turn, or null in a new conversation.</summary>
    public ConversationTurn? Last => Turns.Count == 0 ? null : Turns[^1];
}
