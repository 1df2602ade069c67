namespace JobHome.Matching.Assignment;

/// <summary>
/// Binary min-heap of columns keyed by tentative distance, with decrease-key, for the optimal solver's Dijkstra.
/// Keys live in the entries (not looked up through the column) so that sifting touches one array only.
/// </summary>
internal sealed class ColumnHeap
{
    private readonly Entry[] _entries;
    private readonly int[] _position;

    /// <summary>A heap for columns 0..<paramref name="columns"/>−1, each present at most once.</summary>
    public ColumnHeap(int columns)
    {
        _entries = new Entry[columns];
        _position = new int[columns];
    }

    /// <summary>Number of columns in the heap.</summary>
    public int Count { get; private set; }

    /// <summary>The smallest key (only when <see cref="Count"/> &gt; 0).</summary>
    public long MinKey => _entries[0].Key;

    /// <summary>Empties the heap in O(1).</summary>
    public void Clear() => Count = 0;

    /// <summary>Adds a column that is not in the heap.</summary>
    public void Push(int column, long key) => SiftUp(Count++, new Entry { Key = key, Column = column });

    /// <summary>Lowers the key of a column in the heap to <paramref name="key"/> (not above its current key).</summary>
    public void Decrease(int column, long key) => SiftUp(_position[column], new Entry { Key = key, Column = column });

    /// <summary>Removes and returns the column with the smallest key (ties: any of them).</summary>
    public int PopMin()
    {
        int top = _entries[0].Column;
        int last = --Count;
        if (last > 0)
        {
            SiftDown(_entries[last]);
        }
        return top;
    }

    private void SiftUp(int k, Entry item)
    {
        while (k > 0)
        {
            int parent = (k - 1) >> 1;
            Entry other = _entries[parent];
            if (other.Key <= item.Key)
            {
                break;
            }
            _entries[k] = other;
            _position[other.Column] = k;
            k = parent;
        }
        _entries[k] = item;
        _position[item.Column] = k;
    }

    // Places item (the old last entry) at the root and moves it down.
    private void SiftDown(Entry item)
    {
        int count = Count;
        int k = 0;
        while (true)
        {
            int child = (2 * k) + 1;
            if (child >= count)
            {
                break;
            }
            if (child + 1 < count && _entries[child + 1].Key < _entries[child].Key)
            {
                child++;
            }
            Entry other = _entries[child];
            if (other.Key >= item.Key)
            {
                break;
            }
            _entries[k] = other;
            _position[other.Column] = k;
            k = child;
        }
        _entries[k] = item;
        _position[item.Column] = k;
    }

    private struct Entry
    {
        public long Key;
        public int Column;
    }
}
