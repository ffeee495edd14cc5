using Assistant.Rag.Embeddings;
using Assistant.Rag.Routing;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assistant.Benchmarks;

/// <summary>
/// What the embedded intent router adds to a turn without an LLM, per language, cycling through the shipped example
/// questions. <see cref="Route"/> is the router alone: for English questions that is all it adds, because the question's
/// embedding is computed once and shared with the vector route. <see cref="EmbedAndRoute"/> adds the MiniLM embedding:
/// what a Chinese or Japanese question pays, since its vector route does not run (BM25 runs beside it).
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project tests/Benchmarks -- --filter '*Router*'</c>.</remarks>
[Config(typeof(RouterConfig))]
[MemoryDiagnoser]
public class RouterBenchmarks : IDisposable
{
    private MiniLmEmbeddingGenerator? _model;
    private EmbeddedIntentRouter? _router;
    private IRetrievalRoute[] _routes = [];
    private (string Text, ReadOnlyMemory<float> Embedding)[] _questions = [];
    private int _next;

    [Params("en", "zh")]
    public string Language { get; set; } = "en";

    [GlobalSetup]
    public void Setup()
    {
        _model = new MiniLmEmbeddingGenerator();
        _router = new EmbeddedIntentRouter(_model, new FixedOptions<RoutingOptions>(new RoutingOptions()), NullLogger<EmbeddedIntentRouter>.Instance);
        _routes = [new NamedRoute(RouteNames.Vector), new NamedRoute(RouteNames.Keyword), new NamedRoute(RouteNames.Graph), new NamedRoute(RouteNames.Sql)];
        var texts = RoutingExample.Embedded().Where(e => e.Language == Language).Select(e => e.Question).ToArray();
        var embeddings = _model.GenerateAsync(texts).GetAwaiter().GetResult();
        _questions = [.. texts.Zip(embeddings, (t, e) => (t, e.Vector))];

        // The first decision embeds the examples; that one-off cost is not per turn.
        _router.RouteAsync(new RoutingQuestion(_questions[0].Text, Language, _questions[0].Embedding), _routes).GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public Task<RouteDecision> Route()
    {
        var (text, embedding) = _questions[_next++ % _questions.Length];
        return _router!.RouteAsync(new RoutingQuestion(text, Language, embedding), _routes);
    }

    [Benchmark]
    public async Task<RouteDecision> EmbedAndRoute()
    {
        var (text, _) = _questions[_next++ % _questions.Length];
        var embedding = await _model!.GenerateVectorAsync(text).ConfigureAwait(false);
        return await _router!.RouteAsync(new RoutingQuestion(text, Language, embedding), _routes).ConfigureAwait(false);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _model?.Dispose();
        _model = null;
        GC.SuppressFinalize(this);
    }
}
