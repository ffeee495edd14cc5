namespace Assistant.Benchmarks;

/// <summary>Reproducible embedding-like data: unit vectors gathered round random cluster centres, as real chunk
/// embeddings gather round topics.</summary>
internal static class ClusteredVectors
{
    public static float[][] Create(int count, int dimensions, int clusters, int seed)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, clusters).Select(_ => Unit(random, dimensions)).ToArray();
        return Enumerable.Range(0, count).Select(_ => Near(random, centres[random.Next(clusters)])).ToArray();
    }

    /// <summary>A unit vector near <paramref name="centre"/> (cosine about 0.9).</summary>
    public static float[] Near(Random random, float[] centre)
    {
        var noise = Unit(random, centre.Length);
        var vector = new float[centre.Length];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = centre[i] + (0.5f * noise[i]);
        }

        return Normalise(vector);
    }

    private static float[] Unit(Random random, int dimensions)
    {
        var vector = new float[dimensions];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }

        return Normalise(vector);
    }

    private static float[] Normalise(float[] vector)
    {
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] /= norm;
        }

        return vector;
    }
}
