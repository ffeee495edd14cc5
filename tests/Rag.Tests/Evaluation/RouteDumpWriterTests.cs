using System.Text.Json;
using Assistant.Rag.Evaluation;
using Assistant.Rag.Ingestion;
using Assistant.Rag.Tests.Support;

namespace Assistant.Rag.Tests.Evaluation;

public sealed class RouteDumpWriterTests
{
    [Fact]
    public async Task EachQueryGetsOneLineWithChunkAndDocumentLevelRankingsOfBothRoutes()
    {
        // Arrange: a three-document BEIR folder, ingested as the eval command ingests it.
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "corpus.jsonl"), string.Join('\n',
            """{"_id": "badge", "title": "Access badges", "text": "A replacement access badge costs twenty euros and is printed by reception."}""",
            """{"_id": "vpn", "title": "VPN", "text": "Connect to the company network from home with the Fernhill Connect client."}""",
            """{"_id": "zh", "title": "报销", "text": "差旅费用必须在三十天内通过财务系统报销。"}""") + "\n");
        File.WriteAllText(Path.Combine(folder.Path, "queries.jsonl"), "{\"_id\": \"q1\", \"text\": \"How much does a new badge cost?\"}\n{\"_id\": \"q2\", \"text\": \"差旅费用报销\"}\n");
        Directory.CreateDirectory(Path.Combine(folder.Path, "qrels"));
        File.WriteAllText(Path.Combine(folder.Path, "qrels", "test.tsv"), "query-id\tcorpus-id\tscore\nq1\tbadge\t1\nq2\tzh\t1\n");
        var dataset = BeirDataset.Load(folder.Path);
        using var indexFolder = new TempFolder();
        using var engine = await TestEngine.OpenAsync(indexFolder.Path);
        await engine.Pipeline.IngestAsync("beir", [.. dataset.ReadCorpus().Select(d => new SourceDocument(d.Id, d.Title, string.Empty, [new DocumentSection(string.Empty, d.Text)], new Dictionary<string, string>()))]);
        var (queries, _) = RetrievalEvaluator.AskableQueries(dataset);
        using var output = new StringWriter();

        // Act
        await RouteDumpWriter.WriteAsync(engine.Index, engine.Embedder, dataset, queries, output, depth: 10);

        // Assert
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["q1", "q2"], lines.Select(l => l.GetProperty("qid").GetString()));
        string First(JsonElement line, string list) => line.GetProperty(list)[0][0].GetString()!;
        Assert.Equal("badge", RetrievalEvaluator.DocumentOf(First(lines[0], "keyword")));
        Assert.Equal("badge", RetrievalEvaluator.DocumentOf(First(lines[0], "vector")));
        Assert.Equal("badge", First(lines[0], "documentVector"));
        Assert.Equal("badge", First(lines[0], "documentKeyword"));
        Assert.Equal(3, lines[0].GetProperty("documentVector").GetArrayLength()); // every document, by its mean embedding
        Assert.Equal("zh", First(lines[1], "documentKeyword"));                   // whole-document BM25 analyses Chinese as Chinese
        Assert.True(lines[0].GetProperty("documentVector")[0][1].GetDouble() > lines[0].GetProperty("documentVector")[1][1].GetDouble());
    }

    [Fact]
    public async Task ADepthBelowOneIsRefused()
    {
        using var indexFolder = new TempFolder();
        using var engine = await TestEngine.OpenAsync(indexFolder.Path);
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "corpus.jsonl"), "{\"_id\": \"d\", \"text\": \"x\"}\n");
        File.WriteAllText(Path.Combine(folder.Path, "queries.jsonl"), "{\"_id\": \"q\", \"text\": \"x\"}\n");
        Directory.CreateDirectory(Path.Combine(folder.Path, "qrels"));
        File.WriteAllText(Path.Combine(folder.Path, "qrels", "test.tsv"), "query-id\tcorpus-id\tscore\nq\td\t1\n");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => RouteDumpWriter.WriteAsync(engine.Index, engine.Embedder, BeirDataset.Load(folder.Path), [("q", "x")], TextWriter.Null, depth: 0));
    }
}
