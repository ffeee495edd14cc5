using System.Globalization;
using System.Text;
using Assistant.Rag.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Generation;

/// <summary>
/// Writes the answer with the configured chat model from numbered sources. Falls back to the extractive answer when
/// the call fails, times out or returns no valid citation, so an outage of the LLM never costs the user an answer.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed partial class LlmAnswerGenerator : IAnswerGenerator
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

    private readonly IChatClient _chat;
    private readonly ExtractiveAnswerGenerator _fallback;
    private readonly IOptionsMonitor<LlmOptions> _options;
    private readonly ILogger _logger;

    public LlmAnswerGenerator(IChatClient chat, ExtractiveAnswerGenerator fallback, IOptionsMonitor<LlmOptions> options, ILogger<LlmAnswerGenerator> logger)
    {
        _chat = chat;
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
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        try
        {
            var response = await _chat.GetResponseAsync(
                [new ChatMessage(ChatRole.System, SystemPrompt), new ChatMessage(ChatRole.User, UserPrompt(question, sources))],
                new ChatOptions { Temperature = 0, MaxOutputTokens = options.MaxOutputTokens, ModelId = options.Model },
                timeout.Token).ConfigureAwait(false);
            var text = response.Text.Trim();
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
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.TimedOut(_logger, options.TimeoutSeconds);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.Failed(_logger, exception.GetType().Name);
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
        [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "The LLM did not answer within {Seconds} s; using the extractive answer")]
        public static partial void TimedOut(ILogger logger, int seconds);

        [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "The LLM call failed ({ErrorType}); using the extractive answer")]
        public static partial void Failed(ILogger logger, string errorType);

        [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "The LLM answer cited no valid source; using the extractive answer")]
        public static partial void Uncited(ILogger logger);
    }
}
