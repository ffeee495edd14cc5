using Assistant.Rag.Indexes;

namespace Assistant.Rag.Tests.Indexes;

public sealed class TwoLevelVectorIndexTests : IDisposable
{
    private const int Dimensions = 4;
    private readonly TempFolder _folder = new();
    private readonly Int8FlatVectorIndex _flat;

    public TwoLevelVectorIndexTests() => _flat = new Int8FlatVectorIndex(_folder.Path, Dimensions);

    // Document "a": all chunks lean towards the query, so its mean is nearest. Document "b": one chunk is the closest of
    // all, but its other chunks point away, so its mean is far.
    private static readonly VectorRecord[] Records =
    [
        new("a#0.0", new float[] { 0.9f, 0.4f, 0, 0 }),
        new("a#0.1", new float[] { 0.9f, 0, 0.4f, 0 }),
        new("a#1.0", new float[] { 0.9f, 0, 0, 0.4f }),
        new("b#0.0", new float[] { 1, 0.05f, 0, 0 }),
        new("b#0.1", new float[] { 0, 1, 0, 0 }),
        new("b#0.2", new float[] { 0, 0, 1, 0 }),
        new("b#0.3", new float[] { 0, 0, 0, 1 }),
    ];

    private static readonly float[] Query = [1, 0, 0, 0];

    [Fact]
    public async Task WithNoDocumentLimitSearchesAreTheFlatIndexsOwn()
    {
        var index = new TwoLevelVectorIndex(_flat, [], documents: 0);
        await index.UpsertAsync(Records);

        var hits = await index.SearchAsync(Query, 3);

        Assert.Equal((await _flat.SearchAsync(Query, 3)).Select(h => h.Id), hits.Select(h => h.Id));
        Assert.Equal("b#0.0", hits[0].Id);
    }

    [Fact]
    public async Task ChunkSearchIsRestrictedToTheDocumentsWhoseMeanIsNearest()
    {
        var index = new TwoLevelVectorIndex(_flat, [], documents: 1);
        await index.UpsertAsync(Records);

        var hits = await index.SearchAsync(Query, 10);

        Assert.Equal(["a#0.0", "a#0.1", "a#1.0"], hits.Select(h => h.Id).Order(StringComparer.Ordinal));
        Assert.All(hits, h => Assert.InRange(h.Score, 0.9f, 1f));
    }

    [Fact]
    public async Task EnoughDocumentsGiveTheExactTopHitsOfTheFlatSearch()
    {
        var index = new TwoLevelVectorIndex(_flat, Records, documents: 2);
        await _flat.UpsertAsync(Records);

        var hits = await index.SearchAsync(Query, 4);

        Assert.Equal((await _flat.SearchAsync(Query, 4)).Select(h => h.Id), hits.Select(h => h.Id));
    }

    [Fact]
    public async Task DeletedChunksNoLongerCountForTheirDocument()
    {
        var index = new TwoLevelVectorIndex(_flat, [], documents: 1);
        await index.UpsertAsync(Records);
        await index.SearchAsync(Query, 10);

        await index.DeleteAsync(["a#0.0", "a#0.1", "a#1.0", "b#0.1", "b#0.2", "b#0.3"]);
        var hits = await index.SearchAsync(Query, 10);

        Assert.Equal(["b#0.0"], hits.Select(h => h.Id));
        Assert.Equal(1, index.Count);
    }

    public void Dispose()
    {
        _flat.Dispose();
        _folder.Dispose();
    }
}
