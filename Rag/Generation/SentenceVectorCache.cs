using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Assistant.Rag.Indexes;
using Microsoft.Extensions.AI;

namespace Assistant.Rag.Generation;

/// <summary>
/// Embeddings of answer-candidate sentences, each computed once: looked up by the SHA-256 of the embedding model's
/// name and the sentence's exact text, first in memory, then in the catalog (so a restart embeds nothing it embedded
/// before), and only the sentences found in neither are embedded, in one batch, and stored in both.
/// </summary>
/// <remarks>
/// Thread-safe. Two turns that miss the same sentence at the same moment may both embed it; the vectors are the same
/// and the second store is ignored. Bounded: memory holds at most <see cref="MemoryLimit"/> vectors (it is emptied
/// when full, the catalog still has them) and the catalog at most <see cref="StoredLimit"/> (the oldest go first). A
/// vector is the one the generator gives for that text, so answers are the same as when every sentence was embedded on
/// every turn.
/// </remarks>
public sealed class SentenceVectorCache
{
    /// <summary>Most vectors held in memory (about 1.5 KB each at 384 dimensions).</summary>
    public const int MemoryLimit = 20_000;

    /// <summary>Most vectors kept in the catalog.</summary>
    public const int StoredLimit = 200_000;

    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly ChunkCatalog _catalog;
    private readonly ConcurrentDictionary<string, float[]> _memory = new(StringComparer.Ordinal);
    private readonly string _model;

    public SentenceVectorCache(IEmbeddingGenerator<string, Embedding<float>> embedder, ChunkCatalog catalog)
    {
        _embedder = embedder;
        _catalog = catalog;
        var metadata = embedder.GetService<EmbeddingGeneratorMetadata>();
        _model = $"{metadata?.DefaultModelId ?? embedder.GetType().Name}:{metadata?.DefaultModelDimensions}";
    }

    /// <summary>
    /// The embedding of each of <paramref name="sentences"/>, in order. Throws what the embedding generator throws for
    /// the sentences it has to embed; nothing is stored then.
    /// </summary>
    public async Task<float[][]> GetAsync(IReadOnlyList<string> sentences, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var keys = new string[sentences.Count];
        var vectors = new float[sentences.Count][];
        var missing = new List<int>();
        for (var i = 0; i < sentences.Count; i++)
        {
            keys[i] = Key(sentences[i]);
            if (_memory.TryGetValue(keys[i], out var vector))
            {
                vectors[i] = vector;
            }
            else
            {
                missing.Add(i);
            }
        }

        if (missing.Count == 0)
        {
            return vectors;
        }

        var stored = _catalog.GetSentenceVectors([.. missing.Select(i => keys[i])]);
        var unknown = new List<int>();
        foreach (var i in missing)
        {
            if (stored.TryGetValue(keys[i], out var vector))
            {
                vectors[i] = vector;
                Remember(keys[i], vector);
            }
            else
            {
                unknown.Add(i);
            }
        }

        if (unknown.Count == 0)
        {
            return vectors;
        }

        // A sentence can occur twice in one turn (the same line in two passages): embedded once.
        var texts = unknown.Select(i => sentences[i]).Distinct(StringComparer.Ordinal).ToList();
        var embedded = await _embedder.GenerateAsync(texts, cancellationToken: cancellationToken).ConfigureAwait(false);
        var byText = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var j = 0; j < texts.Count; j++)
        {
            byText[texts[j]] = embedded[j].Vector.ToArray();
        }

        var added = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var i in unknown)
        {
            vectors[i] = byText[sentences[i]];
            added[keys[i]] = vectors[i];
            Remember(keys[i], vectors[i]);
        }

        _catalog.AddSentenceVectors(added, StoredLimit);
        return vectors;
    }

    private void Remember(string key, float[] vector)
    {
        if (_memory.Count >= MemoryLimit)
        {
            _memory.Clear();
        }

        _memory.TryAdd(key, vector);
    }

    private string Key(string sentence) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(_model + "\n" + sentence)));
}
