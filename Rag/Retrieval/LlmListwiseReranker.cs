using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Assistant.Rag.Generation;
using Assistant.Rag.Indexes;
using Assistant.Rag.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Retrieval;

/// <summary>
/// Listwise reranking by the configured LLM: the question and the first (at most <see cref="MaxCandidates"/>) fused
/// chunks, numbered, go to the model in one request, and it answers with the numbers in order of relevance.
/// </summary>
/// <remarks>
/// <para>Thread-safe. One chat request per question, bounded by <see cref="LlmOptions.TimeoutSeconds"/>.</para>
/// <para>Never loses a hit: numbers the model leaves out keep their fused order after the ones it ranked; numbers out
/// of range or repeated are ignored. No reply (the call policy logs why), an unreadable one, or no LLM at all leaves the
/// fused order as it was; only the caller's cancellation is thrown.</para>
/// </remarks>
internal sealed partial class LlmListwiseReranker : IReranker
{
    /// <summary>Most chunks shown to the model, whatever the rerank depth: the prompt must stay small and fast.</summary>
    public const int MaxCandidates = 20;

    /// <summary>Characters of each chunk's text shown to the model.</summary>
    public const int MaxChunkChars = 700;

    private const string Instructions = """
        You rank search results for a question. Each result is numbered in square brackets.
        Reply with the result numbers only, most useful for answering the question first, as a JSON array of integers,
        for example [3, 1, 2]. Use every number once. Do not explain.
        """;

    private readonly ILlmCalls _llm;
    private readonly ChunkCatalog _catalog;
    private readonly IOptionsMonitor<LlmOptions> _options;
    private readonly ILogger _logger;

    public LlmListwiseReranker(ILlmCalls llm, ChunkCatalog catalog, IOptionsMonitor<LlmOptions> options, ILogger<LlmListwiseReranker> logger)
    {
        _llm = llm;
        _catalog = catalog;
        _options = options;
        _logger = logger;
    }

    /// <inheritdoc />
    public RerankerKind Kind => RerankerKind.Llm;

    /// <inheritdoc />
    public async Task<IReadOnlyList<FusedHit>> RerankAsync(string question, IReadOnlyList<FusedHit> hits, int depth, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(hits);
        if (!_llm.IsAvailable)
        {
            return hits;
        }

        var chunks = _catalog.GetChunks([.. hits.Take(Math.Clamp(depth, 0, MaxCandidates)).Select(h => h.ChunkId)]);
        var head = hits.Take(Math.Clamp(depth, 0, MaxCandidates)).Where(h => chunks.ContainsKey(h.ChunkId)).ToList();
        if (head.Count < 2)
        {
            return hits;
        }

        var step = LlmStep.Of(LlmStepNames.Rerank, _options.CurrentValue.TimeoutSeconds);
        var reply = await _llm.AskAsync(
            step,
            [new ChatMessage(ChatRole.System, Instructions), new ChatMessage(ChatRole.User, Prompt(question, head, chunks))],
            new ChatOptions { Temperature = 0, MaxOutputTokens = 8 * head.Count },
            cancellationToken).ConfigureAwait(false);
        if (!reply.IsOk)
        {
            return hits;
        }

        var order = ParseOrder(reply.Value!, head.Count);
        if (order.Count == 0)
        {
            Log.Unreadable(_logger, reply.Value!.Length);
            _llm.FellBack(step, "unreadable");
            return hits;
        }

        return Apply(hits, head, order);
    }

    /// <summary>
    /// The distinct 1-based numbers in <paramref name="reply"/> between 1 and <paramref name="count"/>, in the order given.
    /// Reads a JSON array when there is one, else any numbers in the text ("3 > 1 > 2"); empty when none is usable.
    /// </summary>
    public static IReadOnlyList<int> ParseOrder(string reply, int count)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var open = reply.IndexOf('[', StringComparison.Ordinal);
        var close = open < 0 ? -1 : reply.IndexOf(']', open + 1);

        // "[3, 1, 2]" is the asked-for answer; "[3] > [1]" has brackets round each number, so read the whole reply then.
        var body = open >= 0 && close > open + 1 && reply[(open + 1)..close].Contains(',', StringComparison.Ordinal) ? reply[(open + 1)..close] : reply;
        var order = new List<int>();
        foreach (Match match in Numbers().Matches(body))
        {
            if (int.TryParse(match.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= count && !order.Contains(number))
            {
                order.Add(number);
            }
        }

        return order;
    }

    private static string Prompt(string question, IReadOnlyList<FusedHit> head, IReadOnlyDictionary<string, StoredChunk> chunks)
    {
        var prompt = new StringBuilder();
        prompt.Append("Question: ").AppendLine(question).AppendLine();
        for (var i = 0; i < head.Count; i++)
        {
            var chunk = chunks[head[i].ChunkId].Chunk;
            var title = string.IsNullOrWhiteSpace(chunk.Heading) || chunk.Heading == chunk.Title ? chunk.Title : $"{chunk.Title} › {chunk.Heading}";
            var text = chunk.Text.Length <= MaxChunkChars ? chunk.Text : chunk.Text[..MaxChunkChars] + "…";
            prompt.Append(CultureInfo.InvariantCulture, $"[{i + 1}] {title}\n{text.ReplaceLineEndings(" ")}\n\n");
        }

        prompt.Append(CultureInfo.InvariantCulture, $"Rank the {head.Count} results for the question, most useful first.");
        return prompt.ToString();
    }

    // The model's order first, then the head's unranked hits, then everything else, each in fused order; scores restated
    // so that they fall down the list.
    private static List<FusedHit> Apply(IReadOnlyList<FusedHit> hits, List<FusedHit> head, IReadOnlyList<int> order)
    {
        var ranked = order.Select(n => head[n - 1]).ToList();
        var placed = new HashSet<string>(ranked.Select(h => h.ChunkId), StringComparer.Ordinal);
        ranked.AddRange(head.Where(h => !placed.Contains(h.ChunkId)));
        placed.UnionWith(head.Select(h => h.ChunkId));
        var rest = hits.Where(h => !placed.Contains(h.ChunkId)).ToList();
        var top = rest.Count > 0 ? rest.Max(h => h.Score) : 0;
        var result = new List<FusedHit>(hits.Count);
        result.AddRange(ranked.Select((h, i) => h with { Score = top + ranked.Count - i }));
        result.AddRange(rest);
        return result;
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Numbers();

    private static partial class Log
    {
        [LoggerMessage(EventId = 1313, Level = LogLevel.Warning, Message = "The LLM rerank reply ({Length} characters) named no result; the fused order is kept")]
        public static partial void Unreadable(ILogger logger, int length);
    }
}
