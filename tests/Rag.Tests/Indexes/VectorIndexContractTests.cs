using Assistant.Rag.Indexes;

namespace Assistant.Rag.Tests.Indexes;

/// <summary>
/// Behaviour every <see cref="IVectorIndex"/> must have. Subclass once per implementation and say how to open one.
/// </summary>
public abstract class VectorIndexContractTests : IDisposable
{
    protected const int Dimensions = 16;

    private readonly List<IVectorIndex> _opened = [];

    protected VectorIndexContractTests()
    {
        Root = Path.Combine(Path.GetTempPath(), "vector-index-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    /// <summary>A private scratch directory, deleted after the test.</summary>
    protected string Root { get; }

    /// <summary>Opens the index stored at <paramref name="location"/> (a directory under <see cref="Root"/>), with
    /// <paramref name="dimensions"/> dimensions. Opening the same location again must see what was saved.</summary>
    protected abstract IVectorIndex Open(string location, int dimensions);

    [Fact]
    public async Task SearchReturnsTheMostSimilarVectorsBestFirst()
    {
        // Arrange
        var index = OpenNew();
        await index.UpsertAsync([Record("x", Axis(0)), Record("y", Axis(1)), Record("xy", Blend(0, 1, 0.8f))]);

        // Act
        var hits = await index.SearchAsync(Axis(0), 3);

        // Assert
        Assert.Equal(["x", "xy", "y"], hits.Select(h => h.Id));
        Assert.True(hits[0].Score > hits[1].Score && hits[1].Score > hits[2].Score);
    }

    [Fact]
    public async Task ScoresAreCosineSimilaritiesOfUnnormalisedVectors()
    {
        // Arrange
        var index = OpenNew();
        var longVector = Axis(0);
        longVector[0] = 5f;
        await index.UpsertAsync([Record("same-direction", longVector), Record("orthogonal", Axis(1)), Record("opposite", Scale(Axis(0), -3f))]);

        // Act
        var hits = await index.SearchAsync(Scale(Axis(0), 0.5f), 3);

        // Assert
        Assert.Equal(1f, hits.Single(h => h.Id == "same-direction").Score, 0.01f);
        Assert.Equal(0f, hits.Single(h => h.Id == "orthogonal").Score, 0.01f);
        Assert.Equal(-1f, hits.Single(h => h.Id == "opposite").Score, 0.01f);
    }

    [Fact]
    public async Task UpsertingAnExistingIdReplacesItsVector()
    {
        // Arrange
        var index = OpenNew();
        await index.UpsertAsync([Record("a", Axis(0)), Record("b", Axis(1))]);

        // Act
        await index.UpsertAsync([Record("a", Axis(2))]);

        // Assert
        Assert.Equal(2, index.Count);
        var hits = await index.SearchAsync(Axis(2), 1);
        Assert.Equal("a", hits[0].Id);
        Assert.Equal(1f, hits[0].Score, 0.01f);
        Assert.DoesNotContain(await index.SearchAsync(Axis(0), 2), h => h.Score > 0.5f);
    }

    [Fact]
    public async Task DeletedVectorsAreNoLongerFoundAndUnknownIdsAreIgnored()
    {
        // Arrange
        var index = OpenNew();
        await index.UpsertAsync([Record("a", Axis(0)), Record("b", Axis(1)), Record("c", Axis(2)), Record("d", Axis(3))]);

        // Act
        await index.DeleteAsync(["a", "c", "never-there"]);

        // Assert
        Assert.Equal(2, index.Count);
        var hits = await index.SearchAsync(Axis(0), 10);
        Assert.Equal(["b", "d"], hits.Select(h => h.Id).Order());
        Assert.Equal("d", (await index.SearchAsync(Axis(3), 1))[0].Id);
    }

    [Fact]
    public async Task SearchingAnEmptyIndexReturnsNoHits()
    {
        // Arrange
        var index = OpenNew();

        // Act
        var hits = await index.SearchAsync(Axis(0), 10);

        // Assert
        Assert.Empty(hits);
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public async Task AskingForMoreHitsThanVectorsReturnsEveryVector()
    {
        // Arrange
        var index = OpenNew();
        await index.UpsertAsync([Record("a", Axis(0)), Record("b", Axis(1)), Record("c", Axis(2))]);

        // Act
        var hits = await index.SearchAsync(Axis(1), 100);

        // Assert
        Assert.Equal(3, hits.Count);
        Assert.Equal("b", hits[0].Id);
    }

    [Fact]
    public async Task SavedIndexReopensWithTheSameSearchResults()
    {
        // Arrange
        var location = NewLocation();
        var random = new Random(7);
        var records = Enumerable.Range(0, 200).Select(i => Record($"doc-{i}#0.{i}", RandomVector(random))).ToArray();
        var query = RandomVector(random);
        var index = Open(location, Dimensions);
        await index.UpsertAsync(records);
        await index.DeleteAsync(["doc-3#0.3"]);
        var before = await index.SearchAsync(query, 10);

        // Act
        await index.SaveAsync();
        var reopened = Open(location, Dimensions);

        // Assert
        Assert.Equal(199, reopened.Count);
        Assert.Equal(before, await reopened.SearchAsync(query, 10));
    }

    [Fact]
    public async Task ClearRemovesEveryVector()
    {
        // Arrange
        var index = OpenNew();
        await index.UpsertAsync([Record("a", Axis(0)), Record("b", Axis(1))]);

        // Act
        await index.ClearAsync();

        // Assert
        Assert.Equal(0, index.Count);
        Assert.Empty(await index.SearchAsync(Axis(0), 5));
        await index.UpsertAsync([Record("c", Axis(2))]);
        Assert.Equal("c", (await index.SearchAsync(Axis(2), 5)).Single().Id);
    }

    [Fact]
    public async Task UpsertingAVectorOfTheWrongDimensionThrowsAndChangesNothing()
    {
        // Arrange
        var index = OpenNew();

        // Act
        var upsert = () => index.UpsertAsync([Record("good", Axis(0)), Record("bad", new float[Dimensions + 1])]);

        // Assert
        await Assert.ThrowsAnyAsync<ArgumentException>(upsert);
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public async Task SearchingWithAQueryOfTheWrongDimensionThrows()
    {
        // Arrange
        var index = OpenNew();
        await index.UpsertAsync([Record("a", Axis(0))]);

        // Act
        var search = () => index.SearchAsync(new float[Dimensions - 1], 5);

        // Assert
        await Assert.ThrowsAnyAsync<ArgumentException>(search);
    }

    public void Dispose()
    {
        foreach (var index in _opened)
        {
            (index as IDisposable)?.Dispose();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover scratch directory in /tmp is harmless.
        }

        GC.SuppressFinalize(this);
    }

    protected IVectorIndex OpenNew(int dimensions = Dimensions) => Open(NewLocation(), dimensions);

    protected string NewLocation() => Path.Combine(Root, Guid.NewGuid().ToString("N"));

    /// <summary>Remembers an index so it is disposed after the test.</summary>
    protected T Track<T>(T index)
        where T : IVectorIndex
    {
        _opened.Add(index);
        return index;
    }

    protected static VectorRecord Record(string id, float[] vector) => new(id, vector);

    protected static float[] Axis(int i, int dimensions = Dimensions)
    {
        var vector = new float[dimensions];
        vector[i] = 1f;
        return vector;
    }

    private static float[] Blend(int i, int j, float weightOfI)
    {
        var vector = new float[Dimensions];
        vector[i] = weightOfI;
        vector[j] = 1f - weightOfI;
        return vector;
    }

    private static float[] Scale(float[] vector, float factor) => vector.Select(x => x * factor).ToArray();

    private static float[] RandomVector(Random random) =>
        Enumerable.Range(0, Dimensions).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
}
