using System.Text.Json;
using Assistant.Rag.Graph;
using BenchmarkDotNet.Attributes;

namespace Assistant.Benchmarks;

/// <summary>
/// The embedded Cypher engine: building the graph from its import script (it is rebuilt on every start instead of being
/// persisted, so this is the start-up cost) and one read query, cycling through the queries of a questions file.
/// The folder (one *.cypher script and questions.jsonl) comes from GRAPH_BENCH_FOLDER; by default the film fixture of
/// the conformance test.
/// </summary>
/// <remarks>Run: <c>GRAPH_BENCH_FOLDER=../shared/data/text2cypher dotnet run -c Release --project tests/Benchmarks -- --filter '*Graph*'</c>.</remarks>
[Config(typeof(RouterConfig))]
[MemoryDiagnoser]
public class GraphBenchmarks
{
    private string _script = "";
    private EmbeddedGraph? _graph;
    private string[] _queries = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var folder = Environment.GetEnvironmentVariable("GRAPH_BENCH_FOLDER");
        string questions;
        if (string.IsNullOrEmpty(folder))
        {
            var data = Path.Combine(FindRoot(), "tests", "Rag.Tests", "Graph", "Data");
            _script = File.ReadAllText(Path.Combine(data, "films.cypher"));
            questions = Path.Combine(data, "films-queries.jsonl");
        }
        else
        {
            _script = File.ReadAllText(Directory.GetFiles(folder, "*.cypher").Single());
            questions = Path.Combine(folder, "questions.jsonl");
        }

        _graph = EmbeddedGraph.FromScript(_script);
        // Only the queries the engine runs (the gold set has some invalid Cypher).
        _queries = File.ReadLines(questions).Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("cypher").GetString()!)
            .Where(Runs).ToArray();
    }

    [Benchmark]
    public int LoadScript() => EmbeddedGraph.FromScript(_script).NodeCount;

    [Benchmark]
    public int Query() => _graph!.Query(_queries[_next++ % _queries.Length]).Rows.Count;

    private bool Runs(string query)
    {
        try
        {
            _graph!.Query(query);
            return true;
        }
        catch (Exception exception) when (exception is GraphQueryRefusedException or CypherRuntimeException)
        {
            return false;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Assistant.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Assistant.sln not found above the benchmark output.");
    }
}
