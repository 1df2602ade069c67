using System.Runtime.CompilerServices;

namespace JobHome.Matching.Assignment;

/// <summary>
/// A bounded heap of the best k posts for one seeker (higher score first, ties to the lower id rank), worst at the
/// root; unbounded when k is <see cref="int.MaxValue"/>. Reused from seeker to seeker: it allocates only when it
/// grows.
/// </summary>
internal sealed class CandidateHeap
{
    private Entry[] _items = new Entry[64];

    /// <summary>One kept post: its score, its tie-break rank and its index slot.</summary>
    public struct Entry
    {
        public double Score;
        public int Rank;
        public int Slot;
    }

    /// <summary>Capacity k.</summary>
    public int K { get; private set; }

    /// <summary>Kept entries.</summary>
    public int Count { get; private set; }

    /// <summary>Score a post must reach to enter (−1 while the heap is not full).</summary>
    public double Threshold => Count < K ? -1.0 : _items[0].Score;

    /// <summary>Empties the heap and sets its capacity.</summary>
    public void Reset(int capacity)
    {
        K = capacity;
        Count = 0;
    }

    /// <summary>True when <paramref name="a"/> ranks after <paramref name="b"/>.</summary>
    private static bool Worse(in Entry a, in Entry b) => a.Score < b.Score || (a.Score == b.Score && a.Rank > b.Rank);

    /// <summary>Offers a post; kept when the heap is not full or it beats the worst kept one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Offer(double score, int rank, int slot)
    {
        var c = new Entry { Score = score, Rank = rank, Slot = slot };
        if (Count < K)
        {
            if (Count == _items.Length)
            {
                Array.Resize(ref _items, _items.Length * 2);
            }
            var i = Count++;
            while (i > 0)
            {
                var parent = (i - 1) / 2;
                if (!Worse(c, _items[parent]))
                {
                    break;
                }
                _items[i] = _items[parent];
                i = parent;
            }
            _items[i] = c;
        }
        else if (Worse(_items[0], c))
        {
            SiftDown(c);
        }
    }

    /// <summary>Sorts the kept entries best first and returns them (valid until the next <see cref="Reset"/> or offer).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<Entry> SortBestFirst()
    {
        // Heap sort: the worst entry sits at the root; moving it behind the shrinking heap leaves the best first.
        var n = Count;
        for (var end = n - 1; end > 0; end--)
        {
            var worst = _items[0];
            Count = end;
            SiftDown(_items[end]);
            _items[end] = worst;
        }
        Count = n;
        return _items.AsSpan(0, n);
    }

    // Replaces the root by c and restores the heap order.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SiftDown(Entry c)
    {
        var n = Count;
        var i = 0;
        while (true)
        {
            var l = (2 * i) + 1;
            if (l >= n)
            {
                break;
            }
            var worst = l;
            if (l + 1 < n && Worse(_items[l + 1], _items[l]))
            {
                worst = l + 1;
            }
            if (!Worse(_items[worst], c))
            {
                break;
            }
            _items[i] = _items[worst];
            i = worst;
        }
        _items[i] = c;
    }
}
