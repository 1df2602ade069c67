namespace JobHome.Matching.Index;

/// <summary>
/// A bounded heap keeping the best k candidates (higher score first, ties by id ordinal ascending, then handle);
/// the worst kept candidate sits at the root. Unbounded when k is <see cref="int.MaxValue"/>.
/// </summary>
internal sealed class TopK
{
    // One heap and one result row per thread, reused by every query on it (a query runs on one thread and its result is
    // read before the thread's next query): a partition's answers made two candidate arrays each.
    [ThreadStatic]
    private static TopK? t_shared;
    [ThreadStatic]
    private static Candidate[]? t_sorted;

    private Candidate[] _items;
    private bool _dedupe;

    public TopK(int count, bool dedupe)
    {
        K = count;
        _dedupe = dedupe;
        _items = new Candidate[Math.Clamp(count, 1, 1024)];
    }

    public int K { get; private set; }

    /// <summary>This thread's empty heap for <paramref name="count"/> candidates (read its result before the next query).</summary>
    public static TopK Shared(int count, bool dedupe)
    {
        var top = t_shared ??= new TopK(count, dedupe);
        top.K = count;
        top._dedupe = dedupe;
        top.Count = 0;
        return top;
    }

    public int Count { get; private set; }

    /// <summary>Score a candidate must reach to enter (−1 while the heap is not full).</summary>
    public double Threshold => Count < K ? -1.0 : _items[0].Score;

    /// <summary>True when <paramref name="a"/> ranks after <paramref name="b"/>.</summary>
    private static bool Worse(in Candidate a, in Candidate b)
    {
        if (a.Score != b.Score)
        {
            return a.Score < b.Score;
        }
        var c = string.CompareOrdinal(a.Id, b.Id);
        return c != 0 ? c > 0 : a.Handle > b.Handle;
    }

    public void Offer(double score, int handle, string id, object segment, int slot)
    {
        var c = new Candidate { Score = score, Handle = handle, Id = id, Segment = segment, Slot = slot };
        if (_dedupe && ReplaceDuplicate(c))
        {
            return;
        }
        if (Count < K)
        {
            if (Count == _items.Length)
            {
                Array.Resize(ref _items, _items.Length * 2);
            }
            _items[Count] = c;
            SiftUp(Count++);
        }
        else if (Worse(_items[0], c))
        {
            _items[0] = c;
            SiftDown(0);
        }
    }

    // A record updated while a query runs can be met twice (old and new version); keep one, the better. Compare
    // ids, not handles: a record removed and added again during the query has a new handle under the same id.
    private bool ReplaceDuplicate(in Candidate c)
    {
        for (var i = 0; i < Count; i++)
        {
            if (_items[i].Handle == c.Handle || string.Equals(_items[i].Id, c.Id, StringComparison.Ordinal))
            {
                if (Worse(_items[i], c))
                {
                    _items[i] = c;
                    for (var j = (Count / 2) - 1; j >= 0; j--)
                    {
                        SiftDown(j);
                    }
                }
                return true;
            }
        }
        return false;
    }

    /// <summary>The kept candidates, best first.</summary>
    /// <remarks>The heap's root is its worst: taking it out k times fills the result from the back (no comparison delegate,
    /// no sort of a copy). The heap is left empty.</remarks>
    public Candidate[] ToSortedArray()
    {
        var result = new Candidate[Count];
        SortInto(result);
        return result;
    }

    /// <summary>The kept candidates, best first, in this thread's result row: valid until the thread's next query.</summary>
    /// <remarks>The row's references stay until a later query overwrites them (at most its length in candidates).</remarks>
    public ReadOnlySpan<Candidate> ToSortedShared()
    {
        var count = Count;
        if (t_sorted is null || t_sorted.Length < count)
        {
            t_sorted = new Candidate[Math.Max(count, 64)];
        }
        var result = t_sorted.AsSpan(0, count);
        SortInto(result);
        return result;
    }

    private void SortInto(Span<Candidate> result)
    {
        for (var at = Count - 1; at >= 0; at--)
        {
            result[at] = _items[0];
            Count--;
            _items[0] = _items[Count];
            _items[Count] = default;
            SiftDown(0);
        }
    }

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Worse(_items[i], _items[parent]))
            {
                break;
            }
            (_items[i], _items[parent]) = (_items[parent], _items[i]);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var l = (2 * i) + 1;
            if (l >= Count)
            {
                return;
            }
            var worst = l;
            if (l + 1 < Count && Worse(_items[l + 1], _items[l]))
            {
                worst = l + 1;
            }
            if (!Worse(_items[worst], _items[i]))
            {
                return;
            }
            (_items[i], _items[worst]) = (_items[worst], _items[i]);
            i = worst;
        }
    }
}
