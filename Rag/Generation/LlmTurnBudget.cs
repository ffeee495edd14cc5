namespace Assistant.Rag.Generation;

/// <summary>
/// The LLM tokens (prompt and completion) one turn may spend across all its calls: rewrite, answer, summary. The
/// engine opens a budget per turn with <see cref="Begin"/>; it flows with the turn's async calls, and
/// <see cref="TokenBudgetChatClient"/> charges and enforces it.
/// </summary>
/// <remarks>Thread-safe: calls of one turn may run in parallel.</remarks>
public sealed class LlmTurnBudget
{
    private static readonly AsyncLocal<LlmTurnBudget?> Scope = new();
    private int _remaining;

    private LlmTurnBudget(int tokens) => _remaining = tokens;

    /// <summary>The budget of the turn in progress, or null outside one (then nothing is limited).</summary>
    public static LlmTurnBudget? Current => Scope.Value;

    /// <summary>Tokens left.</summary>
    public int Remaining => Volatile.Read(ref _remaining);

    /// <summary>Opens a budget of <paramref name="tokens"/> for the calling turn; dispose to close it.</summary>
    public static IDisposable Begin(int tokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tokens);
        var previous = Scope.Value;
        Scope.Value = new LlmTurnBudget(tokens);
        return new Closer(previous);
    }

    /// <summary>Takes <paramref name="tokens"/> from the budget (it may go below zero when a reply ran over).</summary>
    public void Charge(int tokens) => Interlocked.Add(ref _remaining, -Math.Max(0, tokens));

    private sealed class Closer(LlmTurnBudget? previous) : IDisposable
    {
        public void Dispose() => Scope.Value = previous;
    }
}
