using System.Numerics.Tensors;
using System.Text.Encodings.Web;
using System.Text.Json;
using Assistant.Rag.Indexes;
using Assistant.Rag.Ingestion;
using Microsoft.Extensions.AI;

namespace Assistant.Rag.Evaluation;

/// <summary>
/// Writes each query's raw route results as one JSON line, so that fusion and aggregation variants can be studied
/// offline (<c>tests/eval/fusion_lab.py</c>) without running retrieval again: <c>{"qid", "keyword": [[chunkId, bm25], …],
/// "vector": [[chunkId, cosine], …], "documentVector": [[documentId, cosine], …], "documentKeyword": [[documentId, bm25], …]}</c>.
/// </summary>
/// <remarks>
/// <para>"keyword" and "vector" are the product's chunk indexes, searched as the keyword and vector routes search them.
/// "documentVector" scores every document by the cosine between the question and the normalised mean of its chunks'
/// (normalised) embeddings, read from the catalog, so no embedding work is done for documents. "documentKeyword" is BM25
/// over whole documents (title and text as one field, as for chunks) in a throw-away Lucene index in a temporary folder,
/// deleted afterwards.</para>
/// <para>Not thread-safe; one dump at a time per writer. Reads the index, never writes it.</para>
/// </remarks>
public static class RouteDumpWriter
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Writes one line per query of <paramref name="queries"/> to <paramref name="output"/>, each list cut at
    /// <paramref name="depth"/> hits, best first.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="depth"/> is below 1.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static async Task WriteAsync(
        KnowledgeIndex index,
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        BeirDataset dataset,
        IReadOnlyList<(string Id, string Text)> queries,
        TextWriter output,
        int depth = 300,
        KeywordIndexOptions? keywordOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);

        var (documentIds, documentVectors) = DocumentMeans(index.Catalog);
        var folder = Path.Combine(Path.GetTempPath(), $"route-dump-{Guid.NewGuid():N}");
        try
        {
            using var whole = new LuceneKeywordIndex(folder, keywordOptions);
            await whole.UpsertAsync(
                [.. dataset.ReadCorpus().Select(d => new Chunk($"{d.Id}#0.0", d.Id, d.Id, 0, d.Title, string.Empty, string.Empty, d.Text, LanguageDetector.Detect($"{d.Title} {d.Text}"), 0, d.Id, "1"))],
                cancellationToken).ConfigureAwait(false);
            await whole.SaveAsync(cancellationToken).ConfigureAwait(false);

            var scores = new float[documentIds.Length];
            foreach (var (id, text) in queries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var query = (await embedder.GenerateVectorAsync(text, cancellationToken: cancellationToken).ConfigureAwait(false)).ToArray();
                var length = TensorPrimitives.Norm(query);
                if (length > 0)
                {
                    TensorPrimitives.Divide(query, length, query);
                }

                for (var i = 0; i < documentIds.Length; i++)
                {
                    scores[i] = TensorPrimitives.Dot(query, documentVectors[i]);
                }

                var line = new
                {
                    qid = id,
                    keyword = Pairs(await index.Keywords.SearchAsync(text, depth, cancellationToken).ConfigureAwait(false)),
                    vector = Pairs(await index.Vectors.SearchChunksAsync(query, depth, cancellationToken).ConfigureAwait(false)),
                    documentVector = Enumerable.Range(0, documentIds.Length).OrderByDescending(i => scores[i]).Take(depth).Select(i => new object[] { documentIds[i], scores[i] }),
                    documentKeyword = (await whole.SearchAsync(text, depth, cancellationToken).ConfigureAwait(false)).Select(h => new object[] { RetrievalEvaluator.DocumentOf(h.Id), h.Score }),
                };
                await output.WriteLineAsync(JsonSerializer.Serialize(line, Json)).ConfigureAwait(false);
            }
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static IEnumerable<object[]> Pairs(IReadOnlyList<ScoredId> hits) => hits.Select(h => new object[] { h.Id, h.Score });

    private static (string[] Ids, float[][] Vectors) DocumentMeans(ChunkCatalog catalog)
    {
        var sums = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var (chunk, embedding) in catalog.ReadAll())
        {
            var document = RetrievalEvaluator.DocumentOf(chunk.Id);
            if (!sums.TryGetValue(document, out var sum))
            {
                sums[document] = sum = new float[embedding.Length];
            }

            var norm = TensorPrimitives.Norm(embedding);
            if (norm > 0)
            {
                TensorPrimitives.MultiplyAdd(embedding, 1 / norm, sum, sum);
            }
        }

        foreach (var sum in sums.Values)
        {
            var norm = TensorPrimitives.Norm(sum);
            if (norm > 0)
            {
                TensorPrimitives.Divide(sum, norm, sum);
            }
        }

        return ([.. sums.Keys], [.. sums.Values]);
    }
}
