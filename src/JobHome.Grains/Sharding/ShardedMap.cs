using Orleans.Runtime;

namespace JobHome.Grains.Sharding;

/// <summary>
/// A grain's large keyed map stored as <see cref="ShardCount"/> separate grain-state rows (facets named
/// <c>{name}-0</c> … <c>{name}-15</c>), so a change writes only the shard that holds the key instead of the whole map:
/// a write costs O(n / 16) instead of O(n). Each shard write is atomic on its own; callers that change one key per write
/// keep their all-or-nothing guarantee. Create it in the grain's constructor (the facets load during activation, before
/// <c>OnActivateAsync</c>).
/// </summary>
/// <typeparam name="TValue">The entry type.</typeparam>
public sealed class ShardedMap<TValue>
{
    /// <summary>Number of shards (fixed: changing it would move keys between stored shards).</summary>
    public const int ShardCount = 16;

    private readonly IPersistentState<MapShard<TValue>>[] _shards;

    /// <summary>Creates the shards' state facets for <paramref name="context"/>.</summary>
    public ShardedMap(IPersistentStateFactory factory, IGrainContext context, string name, string storageName)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrEmpty(name);
        _shards = new IPersistentState<MapShard<TValue>>[ShardCount];
        for (var i = 0; i < ShardCount; i++)
        {
            _shards[i] = factory.Create<MapShard<TValue>>(context, new ShardConfiguration($"{name}-{i}", storageName));
        }
    }

    /// <summary>Number of entries over all shards.</summary>
    public int Count => _shards.Sum(s => s.State.Entries.Count);

    /// <summary>Every key (unordered).</summary>
    public IEnumerable<string> Keys => _shards.SelectMany(s => s.State.Entries.Keys);

    /// <summary>Every entry (unordered).</summary>
    public IEnumerable<KeyValuePair<string, TValue>> Entries => _shards.SelectMany(s => s.State.Entries);

    /// <summary>Every value (unordered).</summary>
    public IEnumerable<TValue> Values => _shards.SelectMany(s => s.State.Entries.Values);

    /// <summary>The entry of <paramref name="key"/>, if any.</summary>
    public bool TryGetValue(string key, out TValue value)
    {
        if (Shard(key).State.Entries.TryGetValue(key, out var held))
        {
            value = held;
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>Sets the entry in memory; <see cref="WriteAsync(string)"/> stores it.</summary>
    public void Set(string key, TValue value) => Shard(key).State.Entries[key] = value;

    /// <summary>Adds the entry in memory unless the key is present; true when added.</summary>
    public bool TryAdd(string key, TValue value) => Shard(key).State.Entries.TryAdd(key, value);

    /// <summary>Removes the entry in memory; true when it was there.</summary>
    public bool Remove(string key) => Shard(key).State.Entries.Remove(key);

    /// <summary>Stores the shard that holds <paramref name="key"/>.</summary>
    public Task WriteAsync(string key) => Shard(key).WriteStateAsync();

    /// <summary>Stores each shard holding one of <paramref name="keys"/> once; the writes go out together.</summary>
    public Task WriteAsync(IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 1)
        {
            return WriteAsync(keys[0]);
        }
        var dirty = 0;
        foreach (var key in keys)
        {
            dirty |= 1 << ShardOf(key);
        }
        var writes = new List<Task>(Math.Min(keys.Count, ShardCount));
        for (var i = 0; i < ShardCount; i++)
        {
            if ((dirty & (1 << i)) != 0)
            {
                writes.Add(_shards[i].WriteStateAsync());
            }
        }
        return Task.WhenAll(writes);
    }

    /// <summary>Stores every shard (after changes to many keys); the writes go out together.</summary>
    public Task WriteAllAsync(CancellationToken cancellationToken = default) =>
        Task.WhenAll(_shards.Select(s => s.WriteStateAsync(cancellationToken)));

    /// <summary>The shard number of <paramref name="key"/>: FNV-1a over its UTF-16 code units (stable across processes).</summary>
    public static int ShardOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)(hash % ShardCount);
    }

    private IPersistentState<MapShard<TValue>> Shard(string key) => _shards[ShardOf(key)];

    private sealed record ShardConfiguration(string StateName, string StorageName) : IPersistentStateConfiguration;
}
