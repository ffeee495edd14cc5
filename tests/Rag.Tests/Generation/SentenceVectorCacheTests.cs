using Assistant.Rag.Generation;
using Assistant.Rag.Indexes;
using Assistant.Rag.Tests.Support;
using Microsoft.Extensions.AI;

namespace Assistant.Rag.Tests.Generation;

public sealed class SentenceVectorCacheTests : IClassFixture<IndexedKnowledgeBase>, IDisposable
{
    private static readonly string[] Sentences =
    [
        "Laptops are replaced every four years from the date they were issued.",
        "A broken screen is repaired by the service desk within two working days.",
        "The guest Wi-Fi password changes every Monday at six in the morning.",
    ];

    private readonly IndexedKnowledgeBase _kb;
    private readonly TempFolder _folder = new();

    public SentenceVectorCacheTests(IndexedKnowledgeBase kb) => _kb = kb;

    [Fact]
    public async Task ASentenceIsEmbeddedOnceEvenAfterARestart()
    {
        // Arrange
        var counter = new CountingEmbeddingGenerator(SharedModel.Embedder);
        var path = Path.Combine(_folder.Path, "catalog.db");
        var first = new SentenceVectorCache(counter, new ChunkCatalog(path));

        // Act: a turn, the same sentences again (one twice), and the same after a restart (a new cache over the same catalog).
        var vectors = await first.GetAsync(Sentences);
        var embeddedByFirst = counter.Inputs;
        var again = await first.GetAsync([Sentences[1], Sentences[0], Sentences[1]]);
        var afterRestart = await new SentenceVectorCache(counter, new ChunkCatalog(path)).GetAsync(Sentences);

        // Assert
        Assert.Equal(Sentences.Length, embeddedByFirst);
        Assert.Equal(embeddedByFirst, counter.Inputs);
        var direct = await SharedModel.Embedder.GenerateAsync(Sentences);
        for (var i = 0; i < Sentences.Length; i++)
        {
            Assert.Equal(direct[i].Vector.ToArray(), vectors[i]);
            Assert.Equal(direct[i].Vector.ToArray(), afterRestart[i]);
        }

        Assert.Equal(vectors[1], again[0]);
        Assert.Equal(vectors[0], again[1]);
        Assert.Equal(vectors[1], again[2]);
    }

    [Fact]
    public void TheCatalogKeepsOnlyTheNewestVectorsBeyondItsLimit()
    {
        // Arrange
        var catalog = new ChunkCatalog(Path.Combine(_folder.Path, "catalog.db"));
        float[] Vector(float value) => [value, value];

        // Act
        catalog.AddSentenceVectors(new Dictionary<string, float[]> { ["a"] = Vector(1), ["b"] = Vector(2) }, limit: 3);
        catalog.AddSentenceVectors(new Dictionary<string, float[]> { ["c"] = Vector(3), ["d"] = Vector(4) }, limit: 3);

        // Assert
        var stored = catalog.GetSentenceVectors(["a", "b", "c", "d"]);
        Assert.Equal(3, catalog.CountSentenceVectors());
        Assert.False(stored.ContainsKey("a"));
        Assert.Equal(Vector(4), stored["d"]);
    }

    [Fact]
    public async Task AskingAgainEmbedsOnlyTheQuestionAndGivesTheSameAnswer()
    {
        // Arrange
        var counter = new CountingEmbeddingGenerator(SharedModel.Embedder);
        var engine = _kb.Engine.Assistant(embedder: counter);
        const string Question = "What does a replacement badge cost?";

        // Act
        var first = await engine.AnswerAsync(new Turn("test", "c1", "u1", Question));
        var before = counter.Inputs;
        var second = await engine.AnswerAsync(new Turn("test", "c2", "u1", Question));

        // Assert: the question is embedded once per turn, for routing and the vector route and the answer alike.
        Assert.Equal(AnswerKind.Extractive, first.Kind);
        Assert.Equal(1, counter.Inputs - before);
        Assert.Equal(first.Text, second.Text);
    }

    public void Dispose() => _folder.Dispose();
}
