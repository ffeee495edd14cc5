using System.Globalization;
using System.Text.RegularExpressions;
using Assistant.Rag.Llm;
using Microsoft.Extensions.AI;

namespace Assistant.Rag.Query;

/// <summary>
/// Asks the configured LLM for RAG-Fusion alternative queries, a step-back question (why/how questions only) and a
/// hypothetical answer (HyDE), as <see cref="QueryExpansionOptions"/> switch them on. Without an LLM it adds nothing.
/// </summary>
/// <remarks>
/// Thread-safe. The calls run in parallel, each within <see cref="QueryExpansionOptions.TimeoutSeconds"/>; a call that
/// does not reply adds nothing (the call policy logs why), so expansion can make retrieval better but never costs an answer.
/// </remarks>
public sealed partial class QueryExpander
{
    private const string MultiQueryPrompt = """
        You help a company's internal search. Write up to {0} different search queries that would find the documents
        answering the user's question: vary the wording, use synonyms and related terms, keep names, numbers and codes
        exactly as written, and use the language of the question. Reply with one query per line and nothing else.
        """;

    private const string StepBackPrompt = """
        You help a company's internal search. Rewrite the user's question as a more general "step-back" question about
        the policy, concept or process behind it, which an internal document would answer. Use the language of the
        question. Reply with that one question and nothing else.
        """;

    private const string HydePrompt = """
        You help a company's internal search. Write a short passage (two to four sentences) in the style of the company's
        internal documentation that answers the user's question. If you do not know the facts, write plausible ones: the
        passage is only used to search, never shown. Use the language of the question. Reply with the passage only.
        """;

    private readonly ILlmCalls _llm;

    public QueryExpander(ILlmCalls llm) => _llm = llm;

    /// <summary>True when an LLM is configured, so the switches can take effect.</summary>
    public bool IsAvailable => _llm.IsAvailable;

    /// <summary>True for "why" and "how" questions, the ones step-back prompting is for.</summary>
    public static bool IsWhyOrHow(string question) => WhyOrHow().IsMatch(question ?? string.Empty);

    /// <summary>Expands <paramref name="question"/> as <paramref name="switches"/> say; <see cref="QueryExpansion.None"/> without an LLM.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<QueryExpansion> ExpandAsync(string question, QueryExpansionOptions switches, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(switches);
        if (!_llm.IsAvailable || !switches.AnyOn)
        {
            return QueryExpansion.None;
        }

        var alternatives = switches.MultiQuery
            ? AskAsync(LlmStepNames.MultiQuery, string.Format(CultureInfo.InvariantCulture, MultiQueryPrompt, switches.MaxAlternatives), question, 0.5f, switches.TimeoutSeconds, cancellationToken)
            : Task.FromResult<string?>(null);
        var stepBack = switches.StepBack && IsWhyOrHow(question)
            ? AskAsync(LlmStepNames.StepBack, StepBackPrompt, question, 0, switches.TimeoutSeconds, cancellationToken)
            : Task.FromResult<string?>(null);
        var hyde = switches.Hyde
            ? AskAsync(LlmStepNames.Hyde, HydePrompt, question, 0, switches.TimeoutSeconds, cancellationToken)
            : Task.FromResult<string?>(null);
        await Task.WhenAll(alternatives, stepBack, hyde).ConfigureAwait(false);

        var queries = Lines(await alternatives.ConfigureAwait(false))
            .Where(q => !string.Equals(q, question.Trim(), StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(switches.MaxAlternatives)
            .ToList();
        var general = Lines(await stepBack.ConfigureAwait(false)).FirstOrDefault();
        var hypothetical = (await hyde.ConfigureAwait(false))?.Trim();
        return new QueryExpansion(queries, general, string.IsNullOrWhiteSpace(hypothetical) ? null : hypothetical);
    }

    // The three calls run in parallel, each within the expansion's time; one that does not reply adds nothing.
    private async Task<string?> AskAsync(string step, string system, string question, float temperature, int seconds, CancellationToken cancellationToken)
    {
        var reply = await _llm.AskAsync(
            LlmStep.Of(step, seconds),
            [new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, question)],
            new ChatOptions { Temperature = temperature, MaxOutputTokens = 300 },
            cancellationToken).ConfigureAwait(false);
        return reply.Value;
    }

    // Models number or bullet their lists however they like; the queries are what is left.
    private static IEnumerable<string> Lines(string? text) => (text ?? string.Empty)
        .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Select(l => ListMarker().Replace(l, string.Empty).Trim().Trim('"', '“', '”'))
        .Where(l => l.Length > 1 && l.Length <= 500);

    [GeneratedRegex(@"^\s*(\d+[.)]|[-*•])\s*", RegexOptions.CultureInvariant)]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"^\s*(why|how)\b|为什么|为何|怎么|如何|怎样|なぜ|どうして|どうやって|どのように", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WhyOrHow();
}
