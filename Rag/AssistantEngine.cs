using System.Diagnostics;
using Assistant.Rag.Feedback;
using Assistant.Rag.Generation;
using Assistant.Rag.Indexes;
using Assistant.Rag.Ingestion;
using Assistant.Rag.Llm;
using Assistant.Rag.Query;
using Assistant.Rag.Retrieval;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Rag;

/// <summary>
/// One turn end to end: check the question, read it in its conversation (history, standalone rewrite, keyword
/// form), retrieve, write the answer, number its citations, remember the turn.
/// </summary>
/// <remarks>Thread-safe. Questions and answers are personal data: they are logged at Trace only.</remarks>
public sealed partial class AssistantEngine : IAssistant
{
    private readonly KnowledgeIndex _index;
    private readonly HybridRetriever _retriever;
    private readonly IAnswerGenerator _generator;
    private readonly IOptionsMonitor<AnswerOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly QuestionContextualizer _conversation;
    private readonly ILlmCalls _llm;

    /// <param name="conversation">The conversation step (memory and follow-up rewrite).</param>
    /// <param name="llm">The LLM call policy, whose per-turn token budget each turn opens.</param>
    public AssistantEngine(
        KnowledgeIndex index,
        HybridRetriever retriever,
        IAnswerGenerator generator,
        QuestionContextualizer conversation,
        ILlmCalls llm,
        IOptionsMonitor<AnswerOptions> options,
        TimeProvider time,
        ILogger<AssistantEngine> logger)
    {
        _index = index;
        _retriever = retriever;
        _generator = generator;
        _options = options;
        _time = time;
        _logger = logger;
        _conversation = conversation;
        _llm = llm;
    }

    /// <inheritdoc />
    public bool IsReady => _index.IsReady;

    /// <inheritdoc />
    public async Task<Answer> AnswerAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        using var activity = RagTelemetry.ActivitySource.StartActivity("answer");
        activity?.SetTag("assistant.channel", turn.Channel);
        var question = (turn.Text ?? string.Empty).Trim();
        var problem = QuestionProblem(question, _options.CurrentValue.MaxQuestionChars);
        if (problem is not null)
        {
            Log.Rejected(_logger, turn.Channel, problem.Value.Reason);
            activity?.SetTag("assistant.answer.kind", nameof(AnswerKind.Rejected));
            activity?.SetTag("assistant.rejected.reason", problem.Value.Reason);
            return NewAnswer(problem.Value.Message, [], question, AnswerKind.Rejected, []);
        }

        try
        {
            var answer = await AnswerQuestionAsync(turn, question, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("assistant.answer.id", answer.Id);
            activity?.SetTag("assistant.answer.kind", answer.Kind.ToString());
            activity?.SetTag("assistant.citations", answer.Citations.Count);
            return answer;
        }
        catch (Exception exception) when (RagTelemetry.Failed(activity, exception))
        {
            throw; // not reached: the filter only marks the span
        }
    }

    // Each step is a child span of "answer": contextualise, then retrieval's own (route decision, route …, fusion, feedback,
    // rerank), generation, remember. Tags are ids, counts and kinds; never the question or the answer.
    private async Task<Answer> AnswerQuestionAsync(Turn turn, string question, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();

        // The turn's LLM token budget (Llm:MaxTokensPerTurn): every LLM call from here to the end of the turn (rewrite,
        // routing, expansion, rerank, answer, summary) is charged to it, and one that no longer fits is not made.
        using var llmBudget = _llm.BeginTurn();
        var context = await ContextualizeAsync(_conversation, turn, question, cancellationToken).ConfigureAwait(false);
        var searched = context.Standalone;
        var retrieval = await _retriever.RetrieveAsync(searched, context.KeywordQuery, Access.AccessFilter.For(turn.Asker), cancellationToken).ConfigureAwait(false);
        var draft = await GenerateAsync(searched, retrieval, cancellationToken).ConfigureAwait(false);
        var (text, citations) = CitationNumbering.Apply(draft);
        var answer = WithStructured(NewAnswer(text, citations, searched, draft.Kind, retrieval.Routes), draft.Kind, retrieval);
        answer = answer with
        {
            Evidence = AnswerEvidenceBuilder.Build(retrieval.Hits, answer.Citations),
            QuestionEmbedding = retrieval.QueryEmbedding,
        };
        using (RagTelemetry.ActivitySource.StartActivity("remember"))
        {
            await _conversation.RememberAsync(context, answer, cancellationToken).ConfigureAwait(false);
        }

        Log.Answered(_logger, turn.Channel, answer.Id, answer.Kind, answer.Citations.Count, llmBudget.Used, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        Log.AnswerText(_logger, answer.Id, question, answer.Text);
        return answer;
    }

    // A table the router chose with a high weight leads, the text answer follows as support; a structured route that
    // declined leaves the answer to the text, and offers what it can answer only when the text found nothing either.
    private static Answer WithStructured(Answer answer, AnswerKind textKind, RetrievalResult retrieval)
    {
        var lead = StructuredAnswers.Lead(retrieval.Structured);
        if (lead is null)
        {
            return answer;
        }

        var reply = lead.Reply;
        if (reply.Answered)
        {
            var support = textKind is AnswerKind.Extractive or AnswerKind.Generated ? answer.Text : null;
            var (text, citations) = StructuredAnswers.Compose(reply.Table!, reply.Sentence!, support, support is null ? [] : answer.Citations);
            return answer with
            {
                Text = text,
                Citations = citations,
                Kind = AnswerKind.Queried,
                Tables = [reply.Table!],
                QueryExampleId = reply.ExampleId,
            };
        }

        // The knowledge base's own "not found" stays first (with its related page, if any); the offer follows it.
        var separator = Ingestion.LanguageDetector.IsCjk(retrieval.Language) ? string.Empty : " ";
        return textKind == AnswerKind.NoEvidence && reply.Suggestions.Count > 0
            ? answer with
            {
                Text = answer.Text.TrimEnd() + separator + StructuredAnswers.DeclineText(retrieval.Language, hasSuggestions: true),
                Suggestions = [.. reply.Suggestions.Take(3)],
            }
            : answer;
    }

    private static async Task<ContextualQuestion> ContextualizeAsync(QuestionContextualizer conversation, Turn turn, string question, CancellationToken cancellationToken)
    {
        using var activity = RagTelemetry.ActivitySource.StartActivity("contextualise");
        try
        {
            var context = await conversation.ContextualizeAsync(turn, question, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("assistant.history.turns", context.History.Turns.Count);
            activity?.SetTag("assistant.question.rewritten", !string.Equals(context.Standalone, context.Question, StringComparison.Ordinal));
            return context;
        }
        catch (Exception exception) when (RagTelemetry.Failed(activity, exception))
        {
            throw;
        }
    }

    private async Task<AnswerDraft> GenerateAsync(string question, RetrievalResult retrieval, CancellationToken cancellationToken)
    {
        using var activity = RagTelemetry.ActivitySource.StartActivity("generation");
        activity?.SetTag("assistant.passages", retrieval.Passages.Count);
        try
        {
            var draft = await _generator.GenerateAsync(question, retrieval, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("assistant.answer.kind", draft.Kind.ToString());
            activity?.SetTag("assistant.sources", draft.Sources.Count);
            return draft;
        }
        catch (Exception exception) when (RagTelemetry.Failed(activity, exception))
        {
            throw;
        }
    }

    /// <summary>Why a question cannot be answered as typed (empty, too long, not text); null when it is fine.</summary>
    public static (string Reason, string Message)? QuestionProblem(string question, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (question.Length == 0)
        {
            return ("empty", "Please type a question.");
        }

        if (question.Length > maxChars)
        {
            return ("too-long", $"That question is too long ({question.Length:N0} characters; the limit is {maxChars:N0}). Please ask it in fewer words.");
        }

        var control = question.Count(c => (char.IsControl(c) && c is not '\n' and not '\r' and not '\t') || c == '\uFFFD');
        if (question.Contains('\0', StringComparison.Ordinal) || (control > 0 && control * 20 >= question.Length))
        {
            return ("binary", "That doesn't look like text. Please type your question in words.");
        }

        if (LanguageDetector.Detect(question) == LanguageDetector.Undetermined)
        {
            return ("no-words", "Please ask your question in words, for example \"How do I reset my password?\"");
        }

        return null;
    }

    private Answer NewAnswer(string text, IReadOnlyList<Citation> citations, string question, AnswerKind kind, IReadOnlyList<RouteUse> routes) =>
        new(Guid.CreateVersion7(_time.GetUtcNow()).ToString("N"), text, citations, routes, question, kind, _time.GetUtcNow());

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Rejected a {Channel} question: {Reason}")]
        public static partial void Rejected(ILogger logger, string channel, string reason);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Answered a {Channel} question: answer {AnswerId}, {Kind}, {Citations} citations, {LlmTokens} LLM tokens, {Milliseconds:F0} ms")]
        public static partial void Answered(ILogger logger, string channel, string answerId, AnswerKind kind, int citations, int llmTokens, double milliseconds);

        [LoggerMessage(EventId = 1003, Level = LogLevel.Trace, Message = "Answer {AnswerId} to \"{Question}\": {Text}")]
        public static partial void AnswerText(ILogger logger, string answerId, string question, string text);
    }
}
