using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;

namespace JobHome.Grains.Sharding;

/// <summary>
/// A grain's large keyed map stored as <see cref="ShardCount"/> separate grain-state rows (named <c>{name}-0</c> …
/// <c>{name}-15</c>), so a change writes only the shard that holds the key instead of the whole map: a write costs
/// O(n / 16) instead of O(n). Each shard write is atomic on its own; callers that change one key per write keep their
/// all-or-nothing guarantee.
/// <para>
/// Two ways to hold the shards. Made with the <see cref="IPersistentStateFactory"/> constructor, every shard is a
/// persistent-state facet loaded with the activation (before <c>OnActivateAsync</c>). Made with <see cref="OnDemand"/>, a
/// shard is read from storage the first time it is needed (<see cref="LoadAsync(string)"/>, <see cref="LoadAllAsync"/>),
/// so an activation that touches one record holds one shard, not sixteen empty facets per map (site directories and
/// employers: a load activates tens of thousands of them). The synchronous members need the shards they touch loaded.
/// </para>
/// </summary>
/// <typeparam name="TValue">The entry type.</typeparam>
public sealed class ShardedMap<TValue>
{
    /// <summary>Number of shards (fixed: changing it would move keys between stored shards).</summary>
    public const int ShardCount = 16;

    private readonly Slot?[] _slots = new Slot?[ShardCount];
    private readonly Func<int, Slot>? _onDemand;

    /// <summary>Creates the shards' state facets for <paramref name="context"/>; they load with the activation.</summary>
    public ShardedMap(IPersistentStateFactory factory, IGrainContext context, string name, string storageName)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrEmpty(name);
        for (var i = 0; i < ShardCount; i++)
        {
            _slots[i] = new FacetSlot(factory.Create<MapShard<TValue>>(context, new ShardConfiguration(StateName(name, i), storageName)));
        }
    }

    private ShardedMap(Func<int, Slot> onDemand) => _onDemand = onDemand;

    /// <summary>
    /// A map whose shards are read from <paramref name="storageName"/> on first use (the same rows the facet constructor
    /// reads and writes, so a grain can switch between the two).
    /// </summary>
    public static ShardedMap<TValue> OnDemand(IGrainContext context, string name, string storageName)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var storage = context.ActivationServices.GetRequiredKeyedService<IGrainStorage>(storageName);
        return new ShardedMap<TValue>(i => new StorageSlot(storage, StateName(name, i), context.GrainId));
    }

    /// <summary>Number of entries over all shards (all loaded).</summary>
    public int Count => Loaded().Sum(s => s.Entries.Count);

    /// <summary>Every key, unordered (all shards loaded).</summary>
    public IEnumerable<string> Keys => Loaded().SelectMany(s => s.Entries.Keys);

    /// <summary>Every entry, unordered (all shards loaded).</summary>
    public IEnumerable<KeyValuePair<string, TValue>> Entries => Loaded().SelectMany(s => s.Entries);

    /// <summary>Every value, unordered (all shards loaded).</summary>
    public IEnumerable<TValue> Values => Loaded().SelectMany(s => s.Entries.Values);

    /// <summary>Loads the shard holding <paramref name="key"/> unless it is loaded.</summary>
    public Task LoadAsync(string key) => SlotOf(ShardOf(key)).LoadAsync();

    /// <summary>Loads the shards holding <paramref name="keys"/> that are not loaded; the reads go out together.</summary>
    public Task LoadAsync(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return Task.WhenAll(keys.Select(ShardOf).Distinct().Select(i => SlotOf(i).LoadAsync()));
    }

    /// <summary>Loads every shard not loaded yet; the reads go out together.</summary>
    public Task LoadAllAsync() => Task.WhenAll(Enumerable.Range(0, ShardCount).Select(i => SlotOf(i).LoadAsync()));

    /// <summary>Number of shards held in memory (read from storage, or facets).</summary>
    public int LoadedShards => _slots.Count(s => s is { IsLoaded: true });

    /// <summary>The entry of <paramref name="key"/>, if any (its shard loaded).</summary>
    public bool TryGetValue(string key, out TValue value)
    {
        if (Shard(key).Entries.TryGetValue(key, out var held))
        {
            value = held;
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>Sets the entry in memory (its shard loaded); <see cref="WriteAsync(string)"/> stores it.</summary>
    public void Set(string key, TValue value) => Shard(key).Entries[key] = value;

    /// <summary>Adds the entry in memory unless the key is present (its shard loaded); true when added.</summary>
    public bool TryAdd(string key, TValue value) => Shard(key).Entries.TryAdd(key, value);

    /// <summary>Removes the entry (and its tag) in memory (its shard loaded); true when it was there.</summary>
    public bool Remove(string key)
    {
        var shard = Shard(key);
        shard.Tags?.Remove(key);
        return shard.Entries.Remove(key);
    }

    /// <summary>The tag of <paramref name="key"/>'s entry (<see cref="MapShard{TValue}.Tags"/>), null when none (its shard loaded).</summary>
    public string? TagOf(string key) => Shard(key).Tags is { } tags && tags.TryGetValue(key, out var tag) ? tag : null;

    /// <summary>
    /// Sets or (null) clears the tag of <paramref name="key"/>'s entry in memory (its shard loaded, the entry present);
    /// true when it changed. <see cref="WriteAsync(string)"/> stores it with the entry.
    /// </summary>
    public bool SetTag(string key, string? tag)
    {
        var shard = Shard(key);
        if (!shard.Entries.ContainsKey(key))
        {
            throw new InvalidOperationException("Only an entry present in the map is tagged.");
        }
        if (tag is null)
        {
            return shard.Tags?.Remove(key) ?? false;
        }
        shard.Tags ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (shard.Tags.TryGetValue(key, out var held) && string.Equals(held, tag, StringComparison.Ordinal))
        {
            return false;
        }
        shard.Tags[key] = tag;
        return true;
    }

    /// <summary>Stores the shard that holds <paramref name="key"/>.</summary>
    public Task WriteAsync(string key) => SlotOf(ShardOf(key)).WriteAsync(CancellationToken.None);

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
                writes.Add(SlotOf(i).WriteAsync(CancellationToken.None));
            }
        }
        return Task.WhenAll(writes);
    }

    /// <summary>Stores every shard (after changes to many keys; all loaded); the writes go out together.</summary>
    public Task WriteAllAsync(CancellationToken cancellationToken = default) =>
        Task.WhenAll(Enumerable.Range(0, ShardCount).Select(i => SlotOf(i).WriteAsync(cancellationToken)));

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

    /// <summary>The stored row name of shard <paramref name="shard"/> of the map named <paramref name="name"/>.</summary>
    internal static string StateName(string name, int shard) => $"{name}-{shard}";

    private Slot SlotOf(int shard) => _slots[shard] ??= _onDemand!(shard);

    private MapShard<TValue> Shard(string key) => SlotOf(ShardOf(key)).State;

    private IEnumerable<MapShard<TValue>> Loaded() => Enumerable.Range(0, ShardCount).Select(i => SlotOf(i).State);

    /// <summary>One shard: its entries in memory and how it is read and written.</summary>
    private abstract class Slot
    {
        public abstract bool IsLoaded { get; }

        public abstract MapShard<TValue> State { get; }

        public abstract Task LoadAsync();

        public abstract Task WriteAsync(CancellationToken cancellationToken);
    }

    /// <summary>A persistent-state facet: loaded with the activation.</summary>
    private sealed class FacetSlot(IPersistentState<MapShard<TValue>> facet) : Slot
    {
        public override bool IsLoaded => true;

        public override MapShard<TValue> State => facet.State;

        public override Task LoadAsync() => Task.CompletedTask;

        public override Task WriteAsync(CancellationToken cancellationToken) => facet.WriteStateAsync(cancellationToken);
    }

    /// <summary>A shard read from storage on first use; one read at a time, retried on the next use after a failure.</summary>
    private sealed class StorageSlot(IGrainStorage storage, string stateName, GrainId grainId) : Slot
    {
        private readonly GrainState<MapShard<TValue>> _state = new(new MapShard<TValue>());
        private Task? _load;

        public override bool IsLoaded => _load is { IsCompletedSuccessfully: true };

        public override MapShard<TValue> State => IsLoaded && _state.State is { } loaded
            ? loaded
            : throw new InvalidOperationException($"Shard '{stateName}' is used before it was loaded (LoadAsync).");

        public override Task LoadAsync()
        {
            if (_load is null || _load.IsFaulted || _load.IsCanceled)
            {
                _load = ReadAsync();
            }
            return _load;
        }

        public override async Task WriteAsync(CancellationToken cancellationToken)
        {
            if (!IsLoaded)
            {
                throw new InvalidOperationException($"Shard '{stateName}' is written before it was loaded (LoadAsync).");
            }
            try
            {
                await storage.WriteStateAsync(stateName, grainId, _state);
            }
            catch
            {
                // Memory is now ahead of storage (the change stays in the map): the next use reads the shard again, so a
                // retried add finds what was stored, not what failed to be.
                _load = null;
                throw;
            }
        }

        private async Task ReadAsync()
        {
            // From scratch: a read after a failed write must not keep that write's change where no row exists yet.
            _state.State = new MapShard<TValue>();
            _state.ETag = null;
            _state.RecordExists = false;
            await storage.ReadStateAsync(stateName, grainId, _state);
            _state.State ??= new MapShard<TValue>();
        }
    }

    private sealed record ShardConfiguration(string StateName, string StorageName) : IPersistentStateConfiguration;
}
