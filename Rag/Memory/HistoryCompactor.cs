using System.Text;
using Assistant.Rag.Embeddings;
using Assistant.Rag.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Memory;

/// <summary>
/// Keeps a history within <see cref="MemoryOptions.MaxTurns"/> and <see cref="MemoryOptions.MaxTokens"/>: the turns that
/// no longer fit are folded into a short summary by the LLM when one is configured, and dropped oldest first when not
/// (or when the LLM does not reply: the call policy says why). Both stores share it, so they keep exactly the same history.
/// </summary>
/// <remarks>Thread-safe and stateless apart from its collaborators.</remarks>
public sealed partial class HistoryCompactor
{
    private const string SummaryPrompt = """
        You keep the memory of a chat between an employee and the company's internal assistant.
        Merge the earlier summary (if any) and the exchanges below into one summary of at most 60 words:
        the topics asked about and the key facts of the answers. Keep names, numbers and places. Reply with the summary only.
        """;

    private readonly ITokenCounter _tokens;
    private readonly IOptionsMonitor<MemoryOptions> _options;
    private readonly ILlmCalls _llm;
    private readonly ILogger _logger;

    /// <param name="llm">The LLM; without one (<see cref="ILlmCalls.IsAvailable"/> false) old turns are dropped instead of summarised.</param>
    public HistoryCompactor(ITokenCounter tokens, IOptionsMonitor<MemoryOptions> options, ILlmCalls llm, ILogger<HistoryCompactor> logger)
    {
        _tokens = tokens;
        _options = options;
        _llm = llm;
        _logger = logger;
    }

    /// <summary><paramref name="history"/> with <paramref name="turn"/> added as the newest turn, within the bounds. Never throws but for cancellation.</summary>
    public async Task<ConversationHistory> AppendAsync(ConversationHistory history, ConversationTurn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(turn);
        var options = _options.CurrentValue;
        var turns = new List<ConversationTurn>(history.Turns) { Bounded(turn, options) };
        var summary = history.Summary;
        var overflow = new List<ConversationTurn>();
        while (turns.Count > 1 && (turns.Count > options.MaxTurns || Tokens(summary, turns) > options.MaxTokens))
        {
            overflow.Add(turns[0]);
            turns.RemoveAt(0);
        }

        if (overflow.Count == 0)
        {
            return new ConversationHistory(summary, turns);
        }

        if (!_llm.IsAvailable)
        {
            Log.Dropped(_logger, overflow.Count);
            return new ConversationHistory(summary, turns);
        }

        summary = await SummariseAsync(summary, overflow, options, cancellationToken).ConfigureAwait(false) ?? summary;

        // The summary takes room too: the newest turn always stays, older ones go when the total is still too big.
        while (turns.Count > 1 && Tokens(summary, turns) > options.MaxTokens)
        {
            turns.RemoveAt(0);
        }

        if (summary is not null && Tokens(summary, turns) > options.MaxTokens)
        {
            summary = null;
        }

        return new ConversationHistory(summary, turns);
    }

    private async Task<string?> SummariseAsync(string? summary, List<ConversationTurn> overflow, MemoryOptions options, CancellationToken cancellationToken)
    {
        var exchanges = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(summary))
        {
            exchanges.Append("Earlier summary: ").AppendLine(summary);
        }

        foreach (var old in overflow)
        {
            exchanges.Append("Q: ").AppendLine(old.StandaloneQuestion).Append("A: ").AppendLine(old.AnswerSummary);
        }

        var reply = await _llm.AskAsync(
            LlmStep.Of(LlmStepNames.Compaction, options.SummaryTimeoutSeconds),
            [new ChatMessage(ChatRole.System, SummaryPrompt), new ChatMessage(ChatRole.User, exchanges.ToString())],
            new ChatOptions { Temperature = 0, MaxOutputTokens = 120 },
            cancellationToken).ConfigureAwait(false);
        var text = reply.Value?.Trim() ?? string.Empty;
        if (text.Length > 0)
        {
            Log.Summarised(_logger, overflow.Count);
            return text.Length <= options.AnswerSummaryChars * 2 ? text : text[..(options.AnswerSummaryChars * 2)];
        }

        Log.SummaryFailed(_logger, overflow.Count);
        return null;
    }

    private int Tokens(string? summary, List<ConversationTurn> turns) =>
        (summary is null ? 0 : _tokens.CountTokens(summary)) +
        turns.Sum(t => _tokens.CountTokens(t.Question) + (t.StandaloneQuestion == t.Question ? 0 : _tokens.CountTokens(t.StandaloneQuestion)) + _tokens.CountTokens(t.AnswerSummary));

    private static ConversationTurn Bounded(ConversationTurn turn, MemoryOptions options) =>
        turn.AnswerSummary.Length <= options.AnswerSummaryChars ? turn : turn with { AnswerSummary = turn.AnswerSummary[..options.AnswerSummaryChars] };

    private static partial class Log
    {
        [LoggerMessage(EventId = 1501, Level = LogLevel.Debug, Message = "Dropped the {Count} oldest turns of a conversation (no LLM to summarise them)")]
        public static partial void Dropped(ILogger logger, int count);

        [LoggerMessage(EventId = 1502, Level = LogLevel.Debug, Message = "Summarised the {Count} oldest turns of a conversation")]
        public static partial void Summarised(ILogger logger, int count);

        [LoggerMessage(EventId = 1503, Level = LogLevel.Debug, Message = "Could not summarise the {Count} oldest turns of a conversation; they were dropped")]
        public static partial void SummaryFailed(ILogger logger, int count);
    }
}
