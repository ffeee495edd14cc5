using Assistant.Rag.Evaluation;
using Assistant.Rag.Tests.Support;

namespace Assistant.Rag.Tests.Evaluation;

public sealed class BeirDatasetTests
{
    private static TempFolder Dataset(string queries, string qrels)
    {
        var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "corpus.jsonl"), "{\"_id\": \"d1\", \"title\": \"VPN\", \"text\": \"Use Fernhill Connect.\"}\n{\"_id\": \"d2\", \"text\": \"No title here.\"}\n");
        File.WriteAllText(Path.Combine(folder.Path, "queries.jsonl"), queries);
        Directory.CreateDirectory(Path.Combine(folder.Path, "qrels"));
        File.WriteAllText(Path.Combine(folder.Path, "qrels", "dev.tsv"), qrels);
        return folder;
    }

    [Fact]
    public void LoadsQueriesJudgementsAndTheCorpus()
    {
        using var folder = Dataset("{\"_id\": \"q1\", \"text\": \"vpn?\"}\n{\"_id\": \"q2\", \"text\": \"other\"}\n", "query-id\tcorpus-id\tscore\nq1\td1\t2\nq1\td2\t0\n");

        var dataset = BeirDataset.Load(folder.Path);

        Assert.EndsWith("/dev", dataset.Name, StringComparison.Ordinal);
        Assert.Equal("vpn?", dataset.Queries["q1"]);
        Assert.Equal(2, dataset.Judgements["q1"]["d1"]);
        Assert.False(dataset.Judgements.ContainsKey("q2"));
        Assert.Equal([("d1", "VPN", "Use Fernhill Connect."), ("d2", string.Empty, "No title here.")], dataset.ReadCorpus());
    }

    [Fact]
    public void EmptyQueriesAreSkippedAsBadInputNotAsked()
    {
        using var folder = Dataset("{\"_id\": \"q1\", \"text\": \"vpn?\"}\n{\"_id\": \"q2\", \"text\": \"\"}\n", "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\n");

        var (queries, skipped) = RetrievalEvaluator.AskableQueries(BeirDataset.Load(folder.Path));

        Assert.Equal([("q1", "vpn?")], queries);
        Assert.Equal(1, skipped);
    }

    [Fact]
    public void AFolderWithoutTheBeirFilesIsRejectedWithAMessageNamingTheFile()
    {
        using var folder = new TempFolder();

        var error = Assert.Throws<InvalidDataException>(() => BeirDataset.Load(folder.Path));

        Assert.Contains("corpus.jsonl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMalformedLineIsReportedWithItsLineNumber()
    {
        using var folder = Dataset("{\"_id\": \"q1\", \"text\": \"vpn?\"}\nnot json\n", "query-id\tcorpus-id\tscore\nq1\td1\t1\n");

        var error = Assert.Throws<InvalidDataException>(() => BeirDataset.Load(folder.Path));

        Assert.Contains("queries.jsonl line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChunkIdsMapBackToTheirDocument()
    {
        Assert.Equal("doc#7", RetrievalEvaluator.DocumentOf("doc#7#0.3"));
        Assert.Equal("31715818", RetrievalEvaluator.DocumentOf("31715818#0.0"));
    }
}
