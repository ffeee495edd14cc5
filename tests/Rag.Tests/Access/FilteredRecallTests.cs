using Assistant.Rag.Access;
using Assistant.Rag.Indexes;
using Assistant.Rag.Ingestion;
using Assistant.Tests.Shared;
using Xunit.Abstractions;

namespace Assistant.Rag.Tests.Access;

/// <summary>
/// Recall@10 of filtering inside the search against searching unfiltered and dropping what the asker may not read
/// afterwards, on the same data: 4,000 chunks of which 90 % are restricted to a group the asker is not in. The truth is
/// the exact top 10 among the chunks the asker may read.
/// </summary>
public sealed class FilteredRecallTests(ITestOutputHelper output)
{
    private const int Chunks = 4000;
    private const int Queries = 40;
    private const int Top = 10;
    private static readonly AccessFilter Asker = AccessFilter.Of("user:reader@contoso.com");
    private static readonly string[] Restricted = ["group:board"];

    [Fact]
    public async Task FilteringInsideTheVectorScanKeepsFullRecallWhereFilteringAfterTopKLosesMost()
    {
        using var folder = new TempFolder();
        const int dimensions = 64;
        var random = new Random(15);
        var records = Enumerable.Range(0, Chunks).Select(i => new VectorRecord($"d{i}#0.0", RandomVector(random, dimensions), i % 10 == 0 ? null : Restricted)).ToList();
        using var index = new Int8FlatVectorIndex(folder.Path, dimensions);
        await index.UpsertAsync(records);
        var readable = records.Where(r => r.Acl is null).ToList();

        double filtered = 0, after = 0;
        for (var q = 0; q < Queries; q++)
        {
            var query = RandomVector(random, dimensions);
            var truth = readable.OrderByDescending(r => Cosine(query, r.Vector.Span)).Take(Top).Select(r => r.Id).ToHashSet();
            filtered += (await index.SearchAsync(query, Top, Asker)).Count(h => truth.Contains(h.Id)) / (double)Top;
            var dropped = (await index.SearchAsync(query, Top)).Where(h => readable.Any(r => r.Id == h.Id));
            after += dropped.Count(h => truth.Contains(h.Id)) / (double)Top;
        }

        filtered /= Queries;
        after /= Queries;
        output.WriteLine($"vector recall@{Top}, 90% restricted: filtered inside the scan {filtered:F3}, unfiltered then restricted {after:F3}");
        Assert.True(filtered >= 0.99, $"filtered recall {filtered:F3}");
        Assert.True(after < 0.5, $"post-filter recall {after:F3}");
    }

    [Fact]
    public async Task FilteringInsideTheLuceneSearchKeepsFullRecallWhereFilteringAfterTopKLosesMost()
    {
        using var folder = new TempFolder();
        var random = new Random(16);
        var words = Enumerable.Range(0, 300).Select(i => "term" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var chunks = Enumerable.Range(0, Chunks).Select(i =>
        {
            var text = string.Join(' ', Enumerable.Range(0, 30).Select(_ => words[random.Next(words.Length)]));
            return new Chunk($"d{i}#0.0", $"d{i}", $"d{i}#0", 0, "", "", "", text, "en", 30, "h" + i, "v", i % 10 == 0 ? null : Restricted);
        }).ToList();
        using var index = new LuceneKeywordIndex(folder.Path);
        await index.UpsertAsync(chunks);
        var readable = chunks.Where(c => c.Acl is null).Select(c => c.Id).ToHashSet();

        double filtered = 0, after = 0;
        for (var q = 0; q < Queries; q++)
        {
            var query = string.Join(' ', Enumerable.Range(0, 3).Select(_ => words[random.Next(words.Length)]));

            // The truth: the whole ranking, restricted afterwards (exact, since nothing is cut before restricting).
            var truth = (await index.SearchAsync(query, Chunks)).Where(h => readable.Contains(h.Id)).Take(Top).Select(h => h.Id).ToHashSet();
            filtered += (await index.SearchAsync(query, Top, Asker)).Count(h => truth.Contains(h.Id)) / (double)Top;
            after += (await index.SearchAsync(query, Top)).Count(h => truth.Contains(h.Id)) / (double)Top;
        }

        filtered /= Queries;
        after /= Queries;
        output.WriteLine($"keyword recall@{Top}, 90% restricted: filtered inside the search {filtered:F3}, unfiltered then restricted {after:F3}");
        Assert.True(filtered >= 0.99, $"filtered recall {filtered:F3}");
        Assert.True(after < 0.5, $"post-filter recall {after:F3}");
    }

    private static float[] RandomVector(Random random, int dimensions) => [.. Enumerable.Range(0, dimensions).Select(_ => (float)((random.NextDouble() * 2) - 1))];

    private static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(a, b);
}
