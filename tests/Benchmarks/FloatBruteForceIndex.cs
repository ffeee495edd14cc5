using System.Numerics.Tensors;
using Assistant.Rag.Indexes;

namespace Assistant.Benchmarks;

/// <summary>
/// The baseline: normalised float vectors in one array, scored with <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>
/// and partitioned across processors exactly like <see cref="Int8FlatVectorIndex"/>, so the comparison isolates int8 against float.
/// </summary>
internal sealed class FloatBruteForceIndex
{
    private readonly float[] _vectors;
    private readonly string[] _ids;
    private readonly int _dimensions;

    public FloatBruteForceIndex(IReadOnlyList<VectorRecord> records)
    {
        _dimensions = records[0].Vector.Length;
        _vectors = new float[records.Count * _dimensions];
        _ids = new string[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            var target = _vectors.AsSpan(i * _dimensions, _dimensions);
            records[i].Vector.Span.CopyTo(target);
            TensorPrimitives.Divide(target, TensorPrimitives.Norm(target), target);
            _ids[i] = records[i].Id;
        }
    }

    public ScoredId[] Search(float[] query, int top)
    {
        var count = _ids.Length;
        var partitions = count < 16_384 ? 1 : Math.Min(Environment.ProcessorCount, count / 8_192);
        var heaps = new TopKHeap[partitions];
        var norm = TensorPrimitives.Norm(query);
        Parallel.For(0, partitions, p =>
        {
            var heap = new TopKHeap(top);
            var end = (int)((long)count * (p + 1) / partitions);
            for (var slot = (int)((long)count * p / partitions); slot < end; slot++)
            {
                var score = TensorPrimitives.Dot(query, _vectors.AsSpan(slot * _dimensions, _dimensions));
                if (score >= heap.Threshold)
                {
                    heap.Add(score, slot);
                }
            }

            heaps[p] = heap;
        });

        for (var p = 1; p < partitions; p++)
        {
            heaps[0].Merge(heaps[p]);
        }

        return heaps[0].ToSortedArray().Select(x => new ScoredId(_ids[x.Slot], x.Score / norm)).ToArray();
    }
}
