using Assistant.Rag.Indexes;

namespace Assistant.Rag.Retrieval;

/// <summary>
/// The evidence the feature reranker weighs for each candidate chunk, every value in [0, 1]. Route scores are min-max
/// scaled over the candidates (0 where a route did not find the chunk); lexical features compare the question's terms
/// (<see cref="RerankTerms"/>) with the chunk's title, heading and text.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class RerankFeatures
{
    /// <summary>Feature names, in the order of the values <see cref="Compute"/> returns and of the weights.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "fused",          // the fusion score, min-max scaled over the candidates
        "vector",         // dense route score, scaled
        "keyword",        // BM25 route score, scaled
        "vectorCosine",   // the raw cosine: how close the best match is in absolute terms, not only relative to the others
        "documentVector", // best dense score of any candidate chunk of the same document
        "documentKeyword",// best BM25 score of any candidate chunk of the same document
        "coverage",       // share of the question's distinct terms in title, heading or text
        "titleCoverage",  // share of them in title or heading
        "phrase",         // share of the question's adjacent term pairs found adjacent in the chunk
        "proximity",      // matched terms / length of the shortest span holding all of them (1 = side by side)
        "vectorZ",        // dense score as a z-score over the candidates, divided by 3 and clamped to [-1, 1]
        "keywordZ",       // BM25 score likewise
        "neighbours",     // mean cosine of the chunk's embedding to the top five fused chunks' (the cluster hypothesis)
    ];

    private const int Neighbours = 5;

    /// <summary>
    /// One feature vector per hit (in <see cref="Names"/> order). <paramref name="chunks"/> supplies the text; a hit whose
    /// chunk is missing there gets 0 for the lexical features and counts as its own document.
    /// </summary>
    public static double[][] Compute(IReadOnlyList<string> questionTerms, IReadOnlyList<FusedHit> hits, IReadOnlyDictionary<string, StoredChunk> chunks, IReadOnlyDictionary<string, float[]>? embeddings = null)
    {
        ArgumentNullException.ThrowIfNull(questionTerms);
        ArgumentNullException.ThrowIfNull(hits);
        ArgumentNullException.ThrowIfNull(chunks);
        var fused = Scale(hits.Select(h => (double?)h.Score).ToArray());
        var vector = Scale(hits.Select(h => RouteScore(h, HybridRetriever.VectorRoute)).ToArray());
        var keyword = Scale(hits.Select(h => RouteScore(h, HybridRetriever.KeywordRoute)).ToArray());
        var vectorZ = ZScores(hits.Select(h => RouteScore(h, HybridRetriever.VectorRoute)).ToArray());
        var keywordZ = ZScores(hits.Select(h => RouteScore(h, HybridRetriever.KeywordRoute)).ToArray());
        var top = embeddings is null ? [] : hits.Take(Neighbours).Select(h => embeddings.GetValueOrDefault(h.ChunkId)).ToArray();
        var documents = hits.Select(h => chunks.TryGetValue(h.ChunkId, out var c) ? c.Chunk.DocumentId : h.ChunkId).ToArray();
        var bestVector = new Dictionary<string, double>(StringComparer.Ordinal);
        var bestKeyword = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < hits.Count; i++)
        {
            bestVector[documents[i]] = Math.Max(bestVector.GetValueOrDefault(documents[i]), vector[i]);
            bestKeyword[documents[i]] = Math.Max(bestKeyword.GetValueOrDefault(documents[i]), keyword[i]);
        }

        var distinct = questionTerms.Distinct(StringComparer.Ordinal).ToArray();
        var pairs = questionTerms.Zip(questionTerms.Skip(1)).Where(p => p.First != p.Second).Distinct().ToArray();
        var features = new double[hits.Count][];
        for (var i = 0; i < hits.Count; i++)
        {
            var f = new double[Names.Count];
            f[0] = fused[i];
            f[1] = vector[i];
            f[2] = keyword[i];
            f[3] = Math.Clamp(RouteScore(hits[i], HybridRetriever.VectorRoute) ?? 0, 0, 1);
            f[4] = bestVector[documents[i]];
            f[5] = bestKeyword[documents[i]];
            if (distinct.Length > 0 && chunks.TryGetValue(hits[i].ChunkId, out var stored))
            {
                var chunk = stored.Chunk;
                var title = RerankTerms.Ordered(chunk.Title + "\n" + chunk.Heading);
                var text = RerankTerms.Ordered(chunk.Text);
                var all = new HashSet<string>(title, StringComparer.Ordinal);
                all.UnionWith(text);
                f[6] = (double)distinct.Count(all.Contains) / distinct.Length;
                f[7] = (double)distinct.Count(new HashSet<string>(title, StringComparer.Ordinal).Contains) / distinct.Length;
                f[8] = pairs.Length == 0 ? f[6] : (double)pairs.Count(p => Adjacent(title, p) || Adjacent(text, p)) / pairs.Length;
                f[9] = Proximity(text, distinct);
            }

            f[10] = vectorZ[i];
            f[11] = keywordZ[i];
            if (embeddings is not null && embeddings.TryGetValue(hits[i].ChunkId, out var own))
            {
                var sims = top.Where((e, j) => e is not null && j != i).Select(e => Cosine(own, e!)).ToList();
                f[12] = sims.Count > 0 ? sims.Average() : 0;
            }

            features[i] = f;
        }

        return features;
    }

    /// <summary>Matched distinct terms over the length of the shortest span of <paramref name="text"/> that holds every
    /// matched term; 1 when they stand side by side, 0 when fewer than two terms match.</summary>
    public static double Proximity(IReadOnlyList<string> text, IReadOnlyCollection<string> terms)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(terms);
        var wanted = new HashSet<string>(terms.Where(t => text.Contains(t)), StringComparer.Ordinal);
        if (wanted.Count < 2)
        {
            return 0;
        }

        // Sliding window over positions: shortest span covering every wanted term.
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var covered = 0;
        var best = int.MaxValue;
        var left = 0;
        for (var right = 0; right < text.Count; right++)
        {
            if (!wanted.Contains(text[right]))
            {
                continue;
            }

            counts[text[right]] = counts.GetValueOrDefault(text[right]) + 1;
            if (counts[text[right]] == 1)
            {
                covered++;
            }

            while (covered == wanted.Count)
            {
                best = Math.Min(best, right - left + 1);
                if (wanted.Contains(text[left]) && --counts[text[left]] == 0)
                {
                    covered--;
                }

                left++;
            }
        }

        return (double)wanted.Count / best;
    }

    private static bool Adjacent(IReadOnlyList<string> text, (string First, string Second) pair)
    {
        for (var i = 0; i + 1 < text.Count; i++)
        {
            if (text[i] == pair.First && text[i + 1] == pair.Second)
            {
                return true;
            }
        }

        return false;
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length && i < b.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return na > 0 && nb > 0 ? dot / Math.Sqrt(na * nb) : 0;
    }

    // z-scores over the values present, divided by 3 and clamped to [-1, 1]; an absent value counts as the lowest present.
    private static double[] ZScores(double?[] values)
    {
        var present = values.Where(v => v.HasValue).Select(v => v!.Value).ToArray();
        var z = new double[values.Length];
        if (present.Length < 2)
        {
            return z;
        }

        var mean = present.Average();
        var sd = Math.Sqrt(present.Sum(v => (v - mean) * (v - mean)) / present.Length);
        var min = present.Min();
        for (var i = 0; i < values.Length; i++)
        {
            z[i] = sd > 0 ? Math.Clamp(((values[i] ?? min) - mean) / sd / 3, -1, 1) : 0;
        }

        return z;
    }

    private static double? RouteScore(FusedHit hit, string route) =>
        hit.RouteScores is not null && hit.RouteScores.TryGetValue(route, out var score) ? score : null;

    // Min-max over the values present; absent values (and all values when they are equal) scale to 0 and 1 respectively.
    private static double[] Scale(double?[] values)
    {
        var present = values.Where(v => v.HasValue).Select(v => v!.Value).ToArray();
        var scaled = new double[values.Length];
        if (present.Length == 0)
        {
            return scaled;
        }

        var min = present.Min();
        var range = present.Max() - min;
        for (var i = 0; i < values.Length; i++)
        {
            scaled[i] = values[i] is { } v ? (range > 0 ? (v - min) / range : 1.0) : 0;
        }

        return scaled;
    }
}
