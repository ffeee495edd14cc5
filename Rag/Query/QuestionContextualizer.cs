using Assistant.Rag.Generation;
using Assistant.Rag.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Query;

/// <summary>
/// The engine's conversation step: loads the conversation's history, rewrites a follow-up into a standalone question,
/// strips it for the keyword route, and afterwards remembers the answered turn. Memory failures (Redis down, a
/// timeout) are logged as warnings and never reach the user: the turn is answered without history.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed partial class QuestionContextualizer
{
    private readonly IConversationMemory _memory;
    private readonly IQuestionRewriter _rewriter;
    private readonly IOptionsMonitor<MemoryOptions> _options;
    private readonly ILogger _logger;
    private readonly Access.DocumentAccess _access;

    public QuestionContextualizer(IConversationMemory memory, IQuestionRewriter rewriter, IOptionsMonitor<MemoryOptions> options, ILogger<QuestionContextualizer> logger, Access.DocumentAccess access)
    {
        _access = access;
        _memory = memory;
        _rewriter = rewriter;
        _options = options;
        _logger = logger;
    }

    /// <summary>Reads <paramref name="question"/> (already checked and trimmed) in the conversation of <paramref name="turn"/>.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async Task<ContextualQuestion> ContextualizeAsync(Turn turn, string question, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(question);
        var key = ConversationKey.For(turn, _options.CurrentValue.KeyPrefix);
        var history = ConversationHistory.Empty;
        try
        {
            history = await _memory.LoadAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.MemoryUnavailable(_logger, "load", exception.GetType().Name, exception.InnerException?.GetType().Name ?? "-");
        }

        // Only the turns the asker may see inform the follow-up (see DocumentAccess.Visible).
        history = _access.Visible(history, Access.AccessFilter.For(turn.Asker));
        var standalone = question;
        try
        {
            standalone = (await _rewriter.RewriteAsync(question, history, cancellationToken).ConfigureAwait(false)).Trim();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.RewriteFailed(_logger, exception.GetType().Name);
        }

        if (standalone.Length == 0)
        {
            standalone = question;
        }

        if (!string.Equals(standalone, question, StringComparison.Ordinal))
        {
            Log.Rewritten(_logger, question, standalone);
        }

        return new ContextualQuestion(question, standalone, KeywordQuery.From(standalone), key, history);
    }

    /// <summary>Remembers the answered turn. Never throws but for cancellation; a failure is logged.</summary>
    public async Task RememberAsync(ContextualQuestion question, Answer answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(answer);
        var sources = answer.Citations.Select(c => c.DocumentId).Distinct(StringComparer.Ordinal).ToList();
        var turn = new ConversationTurn(question.Question, question.Standalone, answer.Text, sources, answer.CreatedAt);
        try
        {
            await _memory.AppendAsync(question.Key, turn, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.MemoryUnavailable(_logger, "append", exception.GetType().Name, exception.InnerException?.GetType().Name ?? "-");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1552, Level = LogLevel.Warning, Message = "Conversation memory unavailable ({Operation}: {ErrorType}/{InnerType}); answering without history")]
        public static partial void MemoryUnavailable(ILogger logger, string operation, string errorType, string innerType);

        [LoggerMessage(EventId = 1553, Level = LogLevel.Warning, Message = "The follow-up rewrite failed ({ErrorType}); searching the question as typed")]
        public static partial void RewriteFailed(ILogger logger, string errorType);

        [LoggerMessage(EventId = 1554, Level = LogLevel.Trace, Message = "Rewrote \"{Question}\" as \"{Standalone}\"")]
        public static partial void Rewritten(ILogger logger, string question, string standalone);
    }
}
