using System.Globalization;
using System.Text;
using Assistant.Rag.Llm;
using Assistant.Rag.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Generation;

/// <summary>
/// Writes the answer with the configured chat model from numbered sources. Falls back to the extractive answer when
/// the call does not reply (the call policy says why) or the reply cites no valid source, so an outage of the LLM never
/// costs the user an answer.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed partial class LlmAnswerGenerator : IAnswerGenerator
{
    /// <summary>What the model is told to reply when the sources do not answer the question.</summary>
    public const string NoAnswerToken = "NO_ANSWER";

    private const string SystemPrompt = $"""
        You are the company's internal assistant. Answer the employee's question using ONLY the numbered sources.
        Rules:
        - Be brief: one to four sentences, in the language of the question.
        - After each claim put the number of the source it comes from in square brackets, e.g. [1] or [2][3].
        - Use only source numbers that exist. Never invent facts, numbers, links or sources.
        - If the sources do not contain the answer, reply with exactly {NoAnswerToken} and nothing else.
        """;

    private readonly ILlmCalls _llm;
    private readonly ExtractiveAnswerGenerator _fallback;
    private readonly IOptionsMonitor<LlmOptions> _options;
    private readonly ILogger _logger;

    public LlmAnswerGenerator(ILlmCalls llm, ExtractiveAnswerGenerator fallback, IOptionsMonitor<LlmOptions> options, ILogger<LlmAnswerGenerator> logger)
    {
        _llm = llm;
        _fallback = fallback;
        _options = options;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<AnswerDraft> GenerateAsync(string question, RetrievalResult retrieval, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(retrieval);
        var sources = retrieval.Passages;
        if (sources.Count == 0)
        {
            return new AnswerDraft(ExtractiveAnswerGenerator.NoEvidenceFor(retrieval.Language), [], AnswerKind.NoEvidence);
        }

        var options = _options.CurrentValue;
        var step = LlmStep.Of(LlmStepNames.Answer, options.TimeoutSeconds);
        var reply = await _llm.AskAsync(
            step,
            [new ChatMessage(ChatRole.System, SystemPrompt), new ChatMessage(ChatRole.User, UserPrompt(question, sources))],
            new ChatOptions { Temperature = 0, MaxOutputTokens = options.MaxOutputTokens, ModelId = options.Model },
            cancellationToken).ConfigureAwait(false);
        if (reply.IsOk)
        {
            var text = reply.Value!.Trim();
            if (text.Contains(NoAnswerToken, StringComparison.Ordinal))
            {
                return new AnswerDraft(ExtractiveAnswerGenerator.NoEvidenceFor(retrieval.Language), [], AnswerKind.NoEvidence);
            }

            var draft = new AnswerDraft(text, sources, AnswerKind.Generated);
            if (CitationNumbering.Apply(draft).Citations.Count > 0)
            {
                return draft;
            }

            Log.Uncited(_logger);
            _llm.FellBack(step, "uncited");
        }

        return await _fallback.GenerateAsync(question, retrieval, cancellationToken).ConfigureAwait(false);
    }

    private static string UserPrompt(string question, IReadOnlyList<Passage> sources)
    {
        var prompt = new StringBuilder("Sources:\n");
        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            var title = string.IsNullOrWhiteSpace(source.Heading) || source.Heading == source.Title ? source.Title : $"{source.Title} › {source.Heading}";
            prompt.Append(CultureInfo.InvariantCulture, $"[{i + 1}] {title}\n{source.Text}\n\n");
        }

        return prompt.Append(CultureInfo.InvariantCulture, $"Question: {question}").ToString();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "The LLM answer cited no valid source; using the extractive answer")]
        public static partial void Uncited(ILogger logger);
    }
}
