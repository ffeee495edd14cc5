using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Assistant.Rag.Evaluation;
using Assistant.Rag.Feedback;
using Assistant.Rag.Indexes;
using Assistant.Rag.Ingestion;
using Assistant.Rag.Query;
using Assistant.Rag.Retrieval;
using Assistant.Rag.Embeddings;
using Assistant.Rag.Generation;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Assistant.Bot.Cli;

/// <summary>
/// <c>eval &lt;dir&gt; [--qrels file] [--config name...] [--json]</c>: retrieval quality and latency on a BEIR-layout folder,
/// through the same retrieval code the bot uses, over an index of the corpus kept between runs.
/// </summary>
internal static class EvalCommand
{
    private const int DefaultTwoLevelDocuments = 20;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("dir") { Description = "BEIR folder: corpus.jsonl, queries.jsonl, qrels/*.tsv." };
        var qrels = new Option<FileInfo?>("--qrels") { Description = "Judgements file (default: the only one in qrels/, else test, dev, train)." };
        var configs = new Option<string[]>("--config") { Description = "Configurations to run (default: all).", AllowMultipleArgumentsPerToken = true };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON on standard output." };
        var feedbackSim = new Option<bool>("--feedback-sim") { Description = "Also simulate 👍/👎 votes and measure nDCG@10 before and after (runs only the default configuration unless --config is given)." };
        var noise = new Option<double>("--noise") { Description = "Share of simulated votes flipped at random (0 to 1).", DefaultValueFactory = _ => 0.2 };
        var folds = new Option<int>("--folds") { Description = "Cross-validate the choice among the hybrid configurations over this many folds of the queries: in-fold and out-of-fold nDCG@10 (0 or 1: off).", DefaultValueFactory = _ => 5 };
        var dumpRoutes = new Option<FileInfo?>("--dump-routes") { Description = "Instead of scoring, write each query's raw route results as JSON lines to this file (for tests/eval/fusion_lab.py)." };
        var command = new Command("eval", "Measure retrieval quality (nDCG@10, Recall@10/100, MRR@10) and latency on a BEIR dataset.") { folder, qrels, configs, json, feedbackSim, noise, folds, dumpRoutes };
        command.SetAction(async (parse, cancellationToken) =>
        {
            BeirDataset dataset;
            try
            {
                dataset = BeirDataset.Load(parse.GetValue(folder)!.FullName, parse.GetValue(qrels)?.FullName);
            }
            catch (Exception exception) when (exception is InvalidDataException or IOException)
            {
                await Console.Error.WriteLineAsync(exception.Message).ConfigureAwait(false);
                return 2;
            }

            var simulate = parse.GetValue(feedbackSim);
            var noiseShare = parse.GetValue(noise);
            if (noiseShare is < 0 or > 1 || double.IsNaN(noiseShare))
            {
                await Console.Error.WriteLineAsync($"--noise must be between 0 and 1 (got {noiseShare.ToString(CultureInfo.InvariantCulture)}).").ConfigureAwait(false);
                return 2;
            }

            var foldCount = parse.GetValue(folds);
            if (foldCount is < 0 or > 50)
            {
                await Console.Error.WriteLineAsync($"--folds must be between 0 and 50 (got {foldCount.ToString(CultureInfo.InvariantCulture)}).").ConfigureAwait(false);
                return 2;
            }

            var names = parse.GetValue(configs) ?? [];
            return await RunAsync(dataset, simulate && names.Length == 0 ? [EvaluationConfigs.Default] : names, parse.GetValue(json), simulate ? noiseShare : null, foldCount, parse.GetValue(dumpRoutes), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(BeirDataset dataset, string[] names, bool json, double? feedbackNoise, int folds, FileInfo? dumpRoutes, CancellationToken cancellationToken)
    {
        var key = await IndexKeyAsync(dataset, cancellationToken).ConfigureAwait(false);
        var indexPath = Path.Combine("data", "eval", $"{Path.GetFileName(dataset.Folder)}-{key[..12]}");
        // The two-level configurations search the same index through a two-level wrapper; the flat ones switch it off.
        var questionsPerChunk = HypotheticalQuestions(CliHost.LoadConfiguration());
        var twoLevelDocuments = CliHost.LoadConfiguration().GetSection(TwoLevelOptions.SectionName).Get<TwoLevelOptions>()?.Documents is > 0 and var configured ? configured : DefaultTwoLevelDocuments;
        using var host = await CliHost.StartAsync(cancellationToken, new Dictionary<string, string?>
        {
            ["Rag:IndexPath"] = indexPath,
            ["Rag:SamplesPath"] = string.Empty,
            [$"{TwoLevelOptions.SectionName}:Documents"] = twoLevelDocuments.ToString(CultureInfo.InvariantCulture),
        }).ConfigureAwait(false);
        var services = host.Services;
        var index = services.GetRequiredService<KnowledgeIndex>();
        await index.OpenAsync(cancellationToken).ConfigureAwait(false);
        var ingest = await IngestAsync(dataset, services, index, cancellationToken).ConfigureAwait(false);
        index.MarkReady();

        var canExpand = services.GetRequiredService<HybridRetriever>().Routes.CanExpand;
        var all = EvaluationConfigs.All(services.GetRequiredService<IOptions<RetrievalOptions>>().Value, services.GetRequiredService<IOptions<QueryExpansionOptions>>().Value, canExpand, twoLevelDocuments);
        var needLlm = names.Where(n => !canExpand && EvaluationConfigs.NeedingLlm.Contains(n)).ToList();
        if (needLlm.Count > 0)
        {
            await Console.Error.WriteLineAsync($"{string.Join(", ", needLlm)} need(s) an LLM: set Llm:Endpoint and Llm:Model (e.g. Llm__Endpoint=http://localhost:11434/v1).").ConfigureAwait(false);
            return 2;
        }

        var unknown = names.Where(n => all.All(c => c.Name != n)).ToList();
        if (unknown.Count > 0)
        {
            await Console.Error.WriteLineAsync($"Unknown configuration(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", all.Select(c => c.Name))}.").ConfigureAwait(false);
            return 2;
        }

        var chosen = names.Length == 0 ? all : all.Where(c => names.Contains(c.Name)).ToList();
        var (queries, skipped) = RetrievalEvaluator.AskableQueries(dataset);
        if (skipped > 0)
        {
            await Console.Error.WriteLineAsync($"{skipped} judged queries have no text and were skipped as bad input.").ConfigureAwait(false);
        }

        if (dumpRoutes is not null)
        {
            return await RouteDump.WriteAsync(dumpRoutes, dataset, services, index, queries, cancellationToken).ConfigureAwait(false);
        }

        var evaluator = new RetrievalEvaluator(services.GetRequiredService<HybridRetriever>(), services.GetRequiredService<IVectorIndex>() as TwoLevelVectorIndex);
        var results = new List<ConfigResult>();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        await console.Progress().AutoClear(false).StartAsync(async context =>
        {
            foreach (var config in chosen)
            {
                var task = context.AddTask($"{config.Name}: {queries.Count} queries", maxValue: Math.Max(1, queries.Count));
                var progress = new SynchronousProgress<int>(done => task.Value = done);
                results.Add(await evaluator.EvaluateAsync(dataset, queries, config, progress, cancellationToken).ConfigureAwait(false));
            }
        }).ConfigureAwait(false);

        var defaultName = chosen.Any(c => c.Name == EvaluationConfigs.Default) ? EvaluationConfigs.Default : chosen[0].Name;
        var crossValidation = folds >= 2 && queries.Count >= folds
            ? CrossValidation.Run([.. queries.Select(q => q.Id)], results, [.. results.Select(r => r.Name).Where(EvaluationConfigs.IsTunableHybrid)], folds)
            : null;
        FoldScore? Fold(string name) => crossValidation?.Configs.Single(c => c.Name == name);
        var feedback = feedbackNoise is { } noise
            ? await FeedbackSimulationRunner.RunAsync(services, dataset, queries, all.Single(c => c.Name == EvaluationConfigs.Default).Options, noise, console, cancellationToken).ConfigureAwait(false)
            : null;
        if (json)
        {
            var report = new
            {
                dataset = dataset.Name,
                queries = queries.Count,
                skipped,
                @default = defaultName,
                configs = results.Select(r => new Dictionary<string, object>
                {
                    ["name"] = r.Name,
                    ["ndcg@10"] = Round(r.Ndcg10),
                    ["recall@10"] = Round(r.Recall10),
                    ["recall@100"] = Round(r.Recall100),
                    ["mrr@10"] = Round(r.Mrr10),
                    ["p50Ms"] = Math.Round(r.P50Ms, 2),
                    ["p95Ms"] = Math.Round(r.P95Ms, 2),
                    ["inFoldNdcg@10"] = Fold(r.Name) is { } f ? Round(f.InFold) : null!,
                    ["outOfFoldNdcg@10"] = Fold(r.Name) is { } g ? Round(g.OutOfFold) : null!,
                }),
                crossValidation = crossValidation is null ? null : new
                {
                    folds = crossValidation.Folds,
                    chosen = crossValidation.Chosen,
                    inFoldNdcg10 = Round(crossValidation.ChosenInFold),
                    outOfFoldNdcg10 = Round(crossValidation.ChosenOutOfFold),
                },
                ingest = new { chunks = ingest.Chunks, chunksPerSecond = Math.Round(ingest.ChunksPerSecond, 2), hypotheticalQuestions = questionsPerChunk > 0 ? questionsPerChunk : (int?)null },
                feedback = feedback is null ? null : FeedbackSimulationRunner.ToJson(feedback),
            };
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(report, Json)).ConfigureAwait(false);
            return 0;
        }

        var hyde = questionsPerChunk > 0 ? $", {questionsPerChunk} hypothetical questions per chunk" : string.Empty;
        var table = new Table().Title($"{dataset.Name}: {queries.Count} queries ({ingest.Chunks} chunks{hyde}, ingested at {ingest.ChunksPerSecond:F1} chunks/s)")
            .AddColumns("config", "nDCG@10", "in-fold", "out-of-fold", "Recall@10", "Recall@100", "MRR@10", "p50 ms", "p95 ms", "");
        foreach (var r in results)
        {
            var fold = Fold(r.Name);
            table.AddRow(r.Name, F(r.Ndcg10), fold is null ? "" : F(fold.InFold), fold is null ? "" : F(fold.OutOfFold), F(r.Recall10), F(r.Recall100), F(r.Mrr10), r.P50Ms.ToString("F1", CultureInfo.InvariantCulture), r.P95Ms.ToString("F1", CultureInfo.InvariantCulture), r.Name == defaultName ? "default" : string.Empty);
        }

        AnsiConsole.Write(table);
        if (crossValidation is not null)
        {
            AnsiConsole.MarkupLineInterpolated($"Choosing among the hybrid configurations on {crossValidation.Folds - 1} of {crossValidation.Folds} folds: in-fold {F(crossValidation.ChosenInFold)}, out-of-fold {F(crossValidation.ChosenOutOfFold)} (chosen per fold: {string.Join(", ", crossValidation.Chosen)}).");
        }
        if (feedback is not null)
        {
            FeedbackSimulationRunner.Write(feedback);
        }

        return 0;
    }

    private static async Task<(int Chunks, double ChunksPerSecond)> IngestAsync(BeirDataset dataset, IServiceProvider services, KnowledgeIndex index, CancellationToken cancellationToken)
    {
        // A finished ingest leaves a receipt; with it the corpus is neither parsed nor chunked again.
        var receipt = Path.Combine(index.Folder, "ingested.json");
        if (File.Exists(receipt))
        {
            var saved = JsonSerializer.Deserialize<IngestReceipt>(await File.ReadAllTextAsync(receipt, cancellationToken).ConfigureAwait(false), Json);
            if (saved is not null && index.Catalog.Count().Chunks == saved.Chunks)
            {
                return (saved.Chunks, saved.ChunksPerSecond);
            }
        }

        var documents = dataset.ReadCorpus()
            .Select(d => new SourceDocument(d.Id, d.Title, string.Empty, [new DocumentSection(string.Empty, d.Text)], new Dictionary<string, string>()))
            .ToList();
        var pipeline = services.GetRequiredService<IngestionPipeline>();
        var result = await ConsoleProgress.RunAsync($"Ingesting {dataset.Name}", progress => pipeline.IngestAsync("beir", documents, removeMissing: true, progress: progress, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var chunks = index.Catalog.Count().Chunks;
        var rate = result.ChunksEmbedded > 0 ? result.ChunksPerSecond : 0;
        if (result.ChunksWithoutQuestions > 0)
        {
            // No receipt: the next run ingests again, and the pipeline asks the LLM again for just these chunks.
            await Console.Error.WriteLineAsync($"{result.ChunksWithoutQuestions} chunks have no hypothetical questions (LLM calls failed); this run measures the index as it is, the next run asks for them again.").ConfigureAwait(false);
            return (chunks, rate);
        }

        await File.WriteAllTextAsync(receipt, JsonSerializer.Serialize(new IngestReceipt(chunks, rate), Json), cancellationToken).ConfigureAwait(false);
        return (chunks, rate);
    }

    private static async Task<string> IndexKeyAsync(BeirDataset dataset, CancellationToken cancellationToken)
    {
        // Corpus content, chunking settings and embedding model decide the index; anything else can change freely.
        var configuration = CliHost.LoadConfiguration();
        var chunking = configuration.GetSection("Rag:Chunking").Get<ChunkingOptions>() ?? new ChunkingOptions();
        var embeddings = configuration.GetSection(EmbeddingsOptions.SectionName).Get<EmbeddingsOptions>() ?? new EmbeddingsOptions();
        await using var corpus = File.OpenRead(dataset.CorpusPath);
        var corpusHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(corpus, cancellationToken).ConfigureAwait(false));
        var model = embeddings.IsConfigured ? $"{embeddings.Endpoint}|{embeddings.Model}" : "all-MiniLM-L6-v2";
        var settings = $"{corpusHash}|{chunking.ChunkTokens}|{chunking.Overlap.ToString(CultureInfo.InvariantCulture)}|{model}";
        if (HypotheticalQuestions(configuration) is > 0 and var questions)
        {
            // Index-time HyDE makes a different index (extra question records, written by this LLM): its own cache entry.
            var llm = configuration.GetSection(LlmOptions.SectionName).Get<LlmOptions>()!;
            settings += FormattableString.Invariant($"|questions:{questions}|{llm.Endpoint}|{llm.Model}");
        }

        if (chunking.Strategy != ChunkingStrategy.Fixed)
        {
            // Appended only for other strategies, so indexes of fixed-size chunks built before the switch stay valid.
            settings += FormattableString.Invariant($"|{chunking.Strategy}|{chunking.SemanticBreakPercentile}|{chunking.SemanticMinTokens}");
        }

        return Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(settings)));
    }

    /// <summary>Hypothetical questions per chunk the index is built with: the setting when an LLM is configured, else 0 (off).</summary>
    private static int HypotheticalQuestions(IConfiguration configuration) =>
        configuration.GetSection(LlmOptions.SectionName).Get<LlmOptions>() is { IsConfigured: true }
            ? configuration.GetSection(IngestionOptions.SectionName).Get<IngestionOptions>()?.HypotheticalQuestions ?? 0
            : 0;

    private static double Round(double value) => Math.Round(value, 4);

    private static string F(double value) => value.ToString("F3", CultureInfo.InvariantCulture);

    private sealed record IngestReceipt(int Chunks, double ChunksPerSecond);

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
