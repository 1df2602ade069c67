namespace JobHome.Matching.Assignment;

/// <summary>A binary min-heap of (key, item) with lazy deletion, reused across searches.</summary>
internal sealed class PathHeap
{
    private long[] _keys;
    private int[] _items;
    private int _count;

    /// <summary>Creates a heap with an initial capacity.</summary>
    public PathHeap(int capacity)
    {
        capacity = Math.Max(capacity, 16);
        _keys = new long[capacity];
        _items = new int[capacity];
    }

    /// <summary>Number of entries.</summary>
    public int Count => _count;

    /// <summary>The smallest key; only valid when not empty.</summary>
    public long MinKey => _keys[0];

    /// <summary>Removes all entries.</summary>
    public void Clear() => _count = 0;

    /// <summary>Adds an entry.</summary>
    public void Push(long key, int item)
    {
        if (_count == _keys.Length)
        {
            Array.Resize(ref _keys, _count * 2);
            Array.Resize(ref _items, _count * 2);
        }
        int i = _count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (_keys[parent] <= key)
            {
                break;
            }
            _keys[i] = _keys[parent];
            _items[i] = _items[parent];
            i = parent;
        }
        _keys[i] = key;
        _items[i] = item;
    }

    /// <summary>Removes and returns the entry with the smallest key.</summary>
    public int Pop(out long key)
    {
        key = _keys[0];
        int top = _items[0];
        int n = --_count;
        if (n > 0)
        {
            long lastKey = _keys[n];
            int lastItem = _items[n];
            int i = 0;
            while (true)
            {
                int child = (2 * i) + 1;
                if (child >= n)
                {
                    break;
                }
                if (child + 1 < n && _keys[child + 1] < _keys[child])
                {
                    child++;
                }
                if (_keys[child] >= lastKey)
                {
                    break;
                }
                _keys[i] = _keys[child];
                _items[i] = _items[child];
                i = child;
            }
            _keys[i] = lastKey;
            _items[i] = lastItem;
        }
        return top;
    }
}
