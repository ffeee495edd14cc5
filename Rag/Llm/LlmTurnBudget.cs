namespace Assistant.Rag.Llm;

/// <summary>
/// The LLM tokens (prompt and completion) one turn may spend across all its calls: rewrite, routing, expansion,
/// rerank, answer, summary. <see cref="ILlmCalls.BeginTurn"/> opens one per turn (the engine does, where the turn is
/// answered); it flows with the turn's async calls, and <see cref="TokenBudgetChatClient"/> in the call policy charges
/// and enforces it.
/// </summary>
/// <remarks>
/// Thread-safe: calls of one turn may run in parallel. Ambient (an <see cref="AsyncLocal{T}"/>, like
/// <see cref="System.Diagnostics.Activity.Current"/>) rather than a parameter because the calls it limits sit behind
/// five interfaces the turn passes through (router, expansion, reranker, answer, memory); threading one cross-cutting
/// value through all of them and their implementations would put it in every signature for the sake of one policy.
/// </remarks>
public sealed class LlmTurnBudget
{
    private static readonly AsyncLocal<LlmTurnBudget?> Scope = new();
    private readonly int _tokens;
    private int _remaining;

    private LlmTurnBudget(int tokens)
    {
        _tokens = tokens;
        _remaining = tokens;
    }

    /// <summary>The budget of the turn in progress, or null outside one (then nothing is limited).</summary>
    public static LlmTurnBudget? Current => Scope.Value;

    /// <summary>Tokens left.</summary>
    public int Remaining => Volatile.Read(ref _remaining);

    /// <summary>Tokens charged so far.</summary>
    public int Used => _tokens - Remaining;

    /// <summary>Opens a budget of <paramref name="tokens"/> for the calling turn; dispose the returned scope to close it.</summary>
    public static TurnScope Begin(int tokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tokens);
        var previous = Scope.Value;
        var budget = new LlmTurnBudget(tokens);
        Scope.Value = budget;
        return new TurnScope(budget, previous);
    }

    /// <summary>Takes <paramref name="tokens"/> from the budget (it may go below zero when a reply ran over).</summary>
    public void Charge(int tokens) => Interlocked.Add(ref _remaining, -Math.Max(0, tokens));

    /// <summary>An open budget; disposing restores the scope that was current before.</summary>
    public sealed class TurnScope : IDisposable
    {
        private readonly LlmTurnBudget? _previous;

        internal TurnScope(LlmTurnBudget? budget, LlmTurnBudget? previous)
        {
            Budget = budget;
            _previous = previous;
        }

        /// <summary>The budget this scope opened; null when no LLM is configured and nothing is limited.</summary>
        public LlmTurnBudget? Budget { get; }

        /// <summary>Tokens the turn has used so far (0 without an LLM).</summary>
        public int Used => Budget?.Used ?? 0;

        public void Dispose()
        {
            if (Budget is not null)
            {
                Scope.Value = _previous;
            }
        }
    }
}
