namespace Assistant.Rag.Indexes;

/// <summary>
/// The <c>k</c> best (score, slot) pairs seen so far, kept in a min-heap so the weakest is evicted in O(log k).
/// </summary>
/// <remarks>Not thread-safe: each search partition owns one. Ties are broken towards the lower slot, so results are
/// deterministic whatever the partitioning.</remarks>
internal sealed class TopKHeap
{
    private readonly float[] _scores;
    private readonly int[] _slots;
    private int _count;

    public TopKHeap(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _scores = new float[capacity];
        _slots = new int[capacity];
    }

    public int Count => _count;

    /// <summary>The score a candidate must beat to enter a full heap; negative infinity while it is not full.</summary>
    public float Threshold => _count == _scores.Length ? _scores[0] : float.NegativeInfinity;

    public void Add(float score, int slot)
    {
        if (_count < _scores.Length)
        {
            var i = _count++;
            _scores[i] = score;
            _slots[i] = slot;
            SiftUp(i);
        }
        else if (Better(score, slot, _scores[0], _slots[0]))
        {
            _scores[0] = score;
            _slots[0] = slot;
            SiftDown(0);
        }
    }

    /// <summary>Adds every entry of <paramref name="other"/>.</summary>
    public void Merge(TopKHeap other)
    {
        for (var i = 0; i < other._count; i++)
        {
            Add(other._scores[i], other._slots[i]);
        }
    }

    /// <summary>Entries best first.</summary>
    public (float Score, int Slot)[] ToSortedArray()
    {
        var result = new (float Score, int Slot)[_count];
        for (var i = 0; i < _count; i++)
        {
            result[i] = (_scores[i], _slots[i]);
        }

        Array.Sort(result, static (x, y) => Better(x.Score, x.Slot, y.Score, y.Slot) ? -1 : Better(y.Score, y.Slot, x.Score, x.Slot) ? 1 : 0);
        return result;
    }

    private static bool Better(float score, int slot, float otherScore, int otherSlot) =>
        score > otherScore || (score == otherScore && slot < otherSlot);

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Better(_scores[parent], _slots[parent], _scores[i], _slots[i]))
            {
                break;
            }

            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var weakest = i;
            var left = (2 * i) + 1;
            var right = left + 1;
            if (left < _count && Better(_scores[weakest], _slots[weakest], _scores[left], _slots[left]))
            {
                weakest = left;
            }

            if (right < _count && Better(_scores[weakest], _slots[weakest], _scores[right], _slots[right]))
            {
                weakest = right;
            }

            if (weakest == i)
            {
                return;
            }

            Swap(i, weakest);
            i = weakest;
        }
    }

    private void Swap(int i, int j)
    {
        (_scores[i], _scores[j]) = (_scores[j], _scores[i]);
        (_slots[i], _slots[j]) = (_slots[j], _slots[i]);
    }
}
