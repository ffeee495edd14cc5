using System.Globalization;
using System.Text;
using System.Text.Json;
using Assistant.Rag.Generation;
using Assistant.Rag.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Rag.Ingestion;

/// <summary>
/// Index-time HyDE: asks the configured LLM for short questions each chunk answers, in the chunk's language, several
/// chunks per call, the reply constrained by a JSON schema and parsed strictly.
/// </summary>
/// <remarks>
/// <para>Thread-safe. Never fails an ingest: a call that does not reply with the asked-for JSON within
/// <see cref="LlmOptions.TimeoutSeconds"/> leaves its chunks without questions (the call policy logs why); only the caller's
/// cancellation is thrown. After <see cref="MaxConsecutiveFailures"/> failed calls in a row the remaining chunks of that
/// request are not sent, so an unreachable LLM costs a few timeouts, not one per chunk.</para>
/// <para>Off (<see cref="QuestionsPerChunk"/> 0) when <see cref="IngestionOptions.HypotheticalQuestions"/> is 0 or no
/// LLM is configured; in the second case it warns once, when it is created.</para>
/// </remarks>
public sealed partial class HypotheticalQuestionGenerator
{
    /// <summary>Chunks sent in one call: enough to save per-call overhead, few enough that one bad reply loses little.</summary>
    public const int ChunksPerCall = 4;

    /// <summary>Characters of a chunk's text shown to the model; the rest rarely changes which questions it answers.</summary>
    public const int MaxChunkChars = 1500;

    /// <summary>Longest question kept; longer ones are not questions but copied passages.</summary>
    public const int MaxQuestionChars = 300;

    /// <summary>Failed calls in a row after which the rest of a request is not sent.</summary>
    public const int MaxConsecutiveFailures = 3;

    private const string Instructions = """
        You help build a company's internal search index. For each numbered passage, write up to {0} short, different
        questions that the passage answers, the way an employee would ask them: in the passage's language (given with
        each passage), in everyday words rather than the passage's own wording where that is natural, keeping names,
        numbers and codes exactly as written. Each question must be answerable from its passage alone.
        Reply with JSON only: {{"passages": [{{"id": 1, "questions": ["...", "..."]}}, ...]}}, one entry per passage.
        """;

    private readonly ILlmCalls _llm;
    private readonly int _questions;
    private readonly int _parallelCalls;
    private readonly IOptionsMonitor<LlmOptions> _llmOptions;
    private readonly ILogger _logger;

    /// <summary>A generator over <paramref name="llm"/>; without an LLM (<see cref="ILlmCalls.IsAvailable"/> false) it is off.</summary>
    public HypotheticalQuestionGenerator(ILlmCalls llm, IOptions<IngestionOptions> options, IOptionsMonitor<LlmOptions> llmOptions, ILogger<HypotheticalQuestionGenerator> logger)
    {
        ArgumentNullException.ThrowIfNull(llm);
        ArgumentNullException.ThrowIfNull(options);
        _llm = llm;
        _llmOptions = llmOptions;
        _logger = logger;
        _parallelCalls = options.Value.HypotheticalQuestionCalls;
        if (options.Value.HypotheticalQuestions > 0 && !llm.IsAvailable)
        {
            Log.NoLlm(logger, options.Value.HypotheticalQuestions);
        }

        _questions = llm.IsAvailable ? options.Value.HypotheticalQuestions : 0;
    }

    /// <summary>Questions asked for each chunk; 0 when the generator is off.</summary>
    public int QuestionsPerChunk => _questions;

    /// <summary>
    /// Questions for <paramref name="chunks"/>, by chunk content hash (chunks of equal content are asked about once).
    /// A chunk whose call failed, or which the reply left out, is absent; each present chunk has 1 to
    /// <see cref="QuestionsPerChunk"/> distinct questions. <see cref="GeneratedQuestions.None"/> when the generator is off.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<GeneratedQuestions> GenerateAsync(IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        if (_questions == 0 || chunks.Count == 0)
        {
            return GeneratedQuestions.None;
        }

        var found = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

        var batches = chunks.DistinctBy(c => c.ContentHash, StringComparer.Ordinal).Chunk(ChunksPerCall).ToList();
        var consecutiveFailures = 0;
        var skipped = 0;
        var failed = 0;
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = _parallelCalls, CancellationToken = cancellationToken }, async (batch, token) =>
        {
            if (Volatile.Read(ref consecutiveFailures) >= MaxConsecutiveFailures)
            {
                Interlocked.Add(ref skipped, batch.Length);
                return;
            }

            var answered = await AskAsync(batch, token).ConfigureAwait(false);
            if (answered is null)
            {
                Interlocked.Increment(ref consecutiveFailures);
                Interlocked.Add(ref failed, batch.Length);
                return;
            }

            Volatile.Write(ref consecutiveFailures, 0);
            lock (found)
            {
                foreach (var (index, questions) in answered)
                {
                    found[batch[index].ContentHash] = questions;
                }
            }
        }).ConfigureAwait(false);

        if (skipped > 0)
        {
            Log.GaveUp(_logger, MaxConsecutiveFailures, skipped);
        }

        var asked = batches.Sum(b => b.Length);
        Log.Generated(_logger, asked, found.Count, asked - found.Count);
        return new GeneratedQuestions(found, failed + skipped);
    }

    /// <summary>The JSON schema the reply must follow: one entry per passage, its id and its questions.</summary>
    public static JsonElement Schema(int questions) => JsonSerializer.SerializeToElement(new
    {
        type = "object",
        properties = new
        {
            passages = new
            {
                type = "array",
                items = new
                {
                    type = "object",
                    properties = new
                    {
                        id = new { type = "integer" },
                        questions = new { type = "array", items = new { type = "string" }, maxItems = questions },
                    },
                    required = new[] { "id", "questions" },
                    additionalProperties = false,
                },
            },
        },
        required = new[] { "passages" },
        additionalProperties = false,
    });

    /// <summary>
    /// The questions in <paramref name="reply"/> by 0-based passage index. Entries with an id outside
    /// 1..<paramref name="passages"/>, a repeated id, or questions that are not all strings are dropped alone (one bad
    /// entry should not cost the other passages of the call their questions); questions are trimmed to one line, blank,
    /// over-long and repeated ones dropped, and at most <paramref name="questions"/> kept; a passage left with none is absent.
    /// </summary>
    internal static IReadOnlyDictionary<int, IReadOnlyList<string>> Select(QuestionsReply reply, int passages, int questions)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var result = new Dictionary<int, IReadOnlyList<string>>();
        foreach (var entry in reply.Passages)
        {
            if (entry.ValueKind != JsonValueKind.Object
                || !entry.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.Number || !id.TryGetInt32(out var number) || number < 1 || number > passages
                || result.ContainsKey(number - 1)
                || !entry.TryGetProperty("questions", out var list) || list.ValueKind != JsonValueKind.Array
                || list.EnumerateArray().Any(q => q.ValueKind != JsonValueKind.String))
            {
                continue;
            }

            var kept = list.EnumerateArray()
                .Select(q => string.Join(' ', q.GetString()!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
                .Where(q => q.Length > 0 && q.Length <= MaxQuestionChars)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Take(questions)
                .ToList();
            if (kept.Count > 0)
            {
                result[number - 1] = kept;
            }
        }

        return result;
    }

    private async Task<IReadOnlyDictionary<int, IReadOnlyList<string>>?> AskAsync(Chunk[] batch, CancellationToken cancellationToken)
    {
        var reply = await _llm.AskAsync<QuestionsReply>(
            LlmStep.Of(LlmStepNames.HypotheticalQuestions, _llmOptions.CurrentValue.TimeoutSeconds),
            [new ChatMessage(ChatRole.System, string.Format(CultureInfo.InvariantCulture, Instructions, _questions)), new ChatMessage(ChatRole.User, Prompt(batch))],
            new ChatOptions
            {
                Temperature = 0.3f,
                MaxOutputTokens = 20 + (batch.Length * _questions * 60),
                ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema(_questions), "hypothetical_questions", "Questions each passage answers."),
            },
            cancellationToken).ConfigureAwait(false);
        if (!reply.IsOk)
        {
            return null;
        }

        var parsed = Select(reply.Value!, batch.Length, _questions);
        if (parsed.Count < batch.Length)
        {
            Log.LeftOut(_logger, batch.Length - parsed.Count, batch.Length);
        }

        return parsed;
    }

    private static string Prompt(Chunk[] batch)
    {
        var prompt = new StringBuilder();
        for (var i = 0; i < batch.Length; i++)
        {
            var chunk = batch[i];
            var title = string.IsNullOrWhiteSpace(chunk.Heading) || chunk.Heading == chunk.Title ? chunk.Title : $"{chunk.Title} › {chunk.Heading}";
            var text = chunk.Text.Length <= MaxChunkChars ? chunk.Text : chunk.Text[..MaxChunkChars] + "…";
            prompt.Append(CultureInfo.InvariantCulture, $"[{i + 1}] (language: {LanguageName(chunk.Language)}) {title}\n{text}\n\n");
        }

        return prompt.ToString();
    }

    private static string LanguageName(string code) => code switch
    {
        "en" => "English",
        "zh" => "Chinese",
        "ja" => "Japanese",
        _ => "the passage's own",
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 1211, Level = LogLevel.Warning, Message = "Rag:Ingestion:HypotheticalQuestions is {Questions}, but no LLM is configured (Llm:Endpoint): chunks are indexed without hypothetical questions")]
        public static partial void NoLlm(ILogger logger, int questions);

        [LoggerMessage(EventId = 1216, Level = LogLevel.Warning, Message = "The LLM's hypothetical questions reply left out {Missing} of {Chunks} chunks; they are indexed without questions")]
        public static partial void LeftOut(ILogger logger, int missing, int chunks);

        [LoggerMessage(EventId = 1217, Level = LogLevel.Warning, Message = "{Failures} LLM calls for hypothetical questions failed in a row; {Chunks} more chunks of this group are indexed without questions")]
        public static partial void GaveUp(ILogger logger, int failures, int chunks);

        [LoggerMessage(EventId = 1218, Level = LogLevel.Information, Message = "Hypothetical questions: asked for {Asked} chunks, {Answered} got questions, {Missing} did not")]
        public static partial void Generated(ILogger logger, int asked, int answered, int missing);
    }
}
