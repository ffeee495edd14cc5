namespace Assistant.Rag.Tests.Indexes;

/// <summary>Reproducible embedding-like data: unit vectors, either uniformly spread or gathered round cluster centres.</summary>
internal static class TestVectors
{
    /// <summary>A unit vector in a uniformly random direction.</summary>
    public static float[] Random(Random random, int dimensions)
    {
        var vector = new float[dimensions];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = Gaussian(random);
        }

        return Normalise(vector);
    }

    /// <summary><paramref name="count"/> unit vectors round <paramref name="clusters"/> random centres; <paramref name="spread"/>
    /// is the noise relative to the centre (0.5 gives neighbours within a cluster a cosine of about 0.8).</summary>
    public static float[][] Clustered(Random random, int count, int dimensions, int clusters, float spread)
    {
        var centres = Enumerable.Range(0, clusters).Select(_ => Random(random, dimensions)).ToArray();
        return Enumerable.Range(0, count).Select(_ => Near(random, centres[random.Next(clusters)], spread)).ToArray();
    }

    /// <summary>A unit vector near <paramref name="centre"/>.</summary>
    public static float[] Near(Random random, float[] centre, float spread)
    {
        var noise = Random(random, centre.Length);
        return Normalise(centre.Select((x, i) => x + (spread * noise[i])).ToArray());
    }

    /// <summary>The ids (array indexes) of the <paramref name="top"/> vectors with the highest exact cosine to the query.</summary>
    public static int[] ExactTop(float[][] vectors, float[] query, int top) =>
        vectors.Select((v, i) => (Score: System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(v, query), Index: i))
            .OrderByDescending(x => x.Score)
            .Take(top)
            .Select(x => x.Index)
            .ToArray();

    private static float[] Normalise(float[] vector)
    {
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
        return vector.Select(x => x / norm).ToArray();
    }

    private static float Gaussian(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
}
