using System.Text;
using Assistant.Rag.Llm;
using Assistant.Rag.Memory;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Query;

/// <summary>
/// The rewrite with the configured LLM: the recent turns (and the summary of older ones) plus the new message go to
/// a rewrite prompt; the model's one-line question is used. No reply (the call policy says why) or an implausible one
/// (empty, far too long, several lines) falls back to <see cref="RuleBasedQuestionRewriter"/>.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed partial class LlmQuestionRewriter : IQuestionRewriter
{
    private const string SystemPrompt = """
        You rewrite the employee's latest message to a company help assistant as one standalone search question.
        Rules:
        - Resolve pronouns and references ("it", "that", "they", "它", "这个", "那个") to what they mean in the conversation.
        - Carry over the topic of the previous questions when the message is a short follow-up ("and for contractors?", "上海呢？").
        - If the message already stands on its own, return it unchanged.
        - Keep the language of the latest message. Do not answer it. Reply with the question only, on one line.
        """;

    private readonly ILlmCalls _llm;
    private readonly RuleBasedQuestionRewriter _fallback;
    private readonly IOptionsMonitor<RewriteOptions> _options;
    private readonly ILogger _logger;

    public LlmQuestionRewriter(ILlmCalls llm, RuleBasedQuestionRewriter fallback, IOptionsMonitor<RewriteOptions> options, ILogger<LlmQuestionRewriter> logger)
    {
        _llm = llm;
        _fallback = fallback;
        _options = options;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<string> RewriteAsync(string question, ConversationHistory history, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(history);
        if (history.Turns.Count == 0 && history.Summary is null)
        {
            return question;
        }

        var options = _options.CurrentValue;
        var step = LlmStep.Of(LlmStepNames.Rewrite, options.TimeoutSeconds);
        var reply = await _llm.AskAsync(
            step,
            [new ChatMessage(ChatRole.System, SystemPrompt), new ChatMessage(ChatRole.User, UserPrompt(question, history, options.TurnsInPrompt))],
            new ChatOptions { Temperature = 0, MaxOutputTokens = 100 },
            cancellationToken).ConfigureAwait(false);
        if (reply.IsOk)
        {
            var rewritten = reply.Value!.Trim().Trim('"', '“', '”');
            if (rewritten.Length > 0 && rewritten.Length <= (question.Length * 4) + 200 && !rewritten.Contains('\n', StringComparison.Ordinal))
            {
                return rewritten;
            }

            Log.Implausible(_logger, rewritten.Length);
            _llm.FellBack(step, "implausible");
        }

        return await _fallback.RewriteAsync(question, history, cancellationToken).ConfigureAwait(false);
    }

    private static string UserPrompt(string question, ConversationHistory history, int turns)
    {
        var prompt = new StringBuilder("Conversation so far:\n");
        if (!string.IsNullOrWhiteSpace(history.Summary))
        {
            prompt.Append("(Earlier: ").Append(history.Summary).Append(")\n");
        }

        foreach (var turn in history.Turns.TakeLast(turns))
        {
            prompt.Append("User: ").Append(turn.StandaloneQuestion).Append('\n')
                .Append("Assistant: ").Append(turn.AnswerSummary).Append('\n');
        }

        return prompt.Append("\nLatest message: ").Append(question).Append("\nStandalone question:").ToString();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1551, Level = LogLevel.Warning, Message = "The LLM rewrite of a follow-up was not a usable question ({Length} characters); using the rule-based rewrite")]
        public static partial void Implausible(ILogger logger, int length);
    }
}
