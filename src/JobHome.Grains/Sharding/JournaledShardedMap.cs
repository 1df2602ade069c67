using Orleans.Runtime;
using Orleans.Storage;

namespace JobHome.Grains.Sharding;

/// <summary>
/// A grain's large keyed map stored as <see cref="ShardCount"/> base rows (the rows of <see cref="ShardedMap{TValue}"/>:
/// <c>{name}-0</c> … <c>{name}-15</c>, same format) plus one journal row (<c>{name}-journal</c>, a
/// <see cref="MapJournal{TValue}"/>) holding the entries changed since their shard's base was written. A write stores the
/// journal alone, one row whose size is the journal's, not the map's; once the journal grows past
/// <see cref="FoldBound"/> (32 + 2 √n), the write instead stores the base of every shard the journal touches (each holds
/// its journal entries) and the journal is empty in memory: no journal write is needed, since the stored journal's
/// entries of those shards name the bases' previous ETags and are ignored on load (<see cref="MapJournal{TValue}.BaseETags"/>).
/// Every write is one atomic row; whichever rows of a write commit, the map read back is the map before the write with
/// some of its changes, each shard either wholly before or wholly after (the caller's acknowledgement covers all of them
/// or none: <see cref="PendingWrites"/>).
/// <para>
/// Cost per write with n entries and a journal bound b: the journal's ≤ b entries, plus a fold of n entries every ~b
/// changed keys: b/2 + n/b entries per changed key with one change per write, least near b = √(2n); b = 32 + 2 √n keeps
/// it at O(√n) (a township of 30,000 entries, one change per delivery: ~270 entries instead of a touched shard's ~1,900,
/// and deliveries of several changes write one row instead of one per touched shard; docs/benchmarks.md). Rows written by <see cref="ShardedMap{TValue}"/> read
/// unchanged (bases without a journal row). Entries are only set, never removed.
/// </para>
/// </summary>
/// <typeparam name="TValue">The entry type (treated as immutable once set: the journal and the base share it).</typeparam>
public sealed class JournaledShardedMap<TValue>
{
    /// <summary>Number of base shards (as <see cref="ShardedMap{TValue}.ShardCount"/>: the same rows).</summary>
    public const int ShardCount = ShardedMap<TValue>.ShardCount;

    /// <summary>The journal row's name suffix: <c>{name}-journal</c>.</summary>
    public const string JournalSuffix = "-journal";

    private readonly IPersistentState<MapShard<TValue>>[] _bases = new IPersistentState<MapShard<TValue>>[ShardCount];
    private readonly IPersistentState<MapJournal<TValue>> _journal;
    private bool _merged;
    private int _count;
    // Shards with entries in the journal (bit per shard).
    private int _journalShards;

    /// <summary>Creates the base and journal facets for <paramref name="context"/>; they load with the activation.</summary>
    public JournaledShardedMap(IPersistentStateFactory factory, IGrainContext context, string name, string storageName)
        : this(Facets(factory, context, name, storageName))
    {
    }

    /// <summary>
    /// A map over loaded states: <paramref name="bases"/> (<see cref="ShardCount"/> of them, shard i at index i) and
    /// <paramref name="journal"/>, read before the map's first use (tests and benchmarks pass their own).
    /// </summary>
    public JournaledShardedMap(IReadOnlyList<IPersistentState<MapShard<TValue>>> bases, IPersistentState<MapJournal<TValue>> journal)
    {
        ArgumentNullException.ThrowIfNull(bases);
        ArgumentNullException.ThrowIfNull(journal);
        if (bases.Count != ShardCount)
        {
            throw new ArgumentException($"A journaled map has {ShardCount} base shards.", nameof(bases));
        }
        for (var i = 0; i < ShardCount; i++)
        {
            _bases[i] = bases[i];
        }
        _journal = journal;
    }

    private JournaledShardedMap((IPersistentState<MapShard<TValue>>[] Bases, IPersistentState<MapJournal<TValue>> Journal) facets)
        : this(facets.Bases, facets.Journal)
    {
    }

    private static (IPersistentState<MapShard<TValue>>[], IPersistentState<MapJournal<TValue>>) Facets(
        IPersistentStateFactory factory, IGrainContext context, string name, string storageName)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var bases = new IPersistentState<MapShard<TValue>>[ShardCount];
        for (var i = 0; i < ShardCount; i++)
        {
            bases[i] = factory.Create<MapShard<TValue>>(context, new Configuration(ShardedMap<TValue>.StateName(name, i), storageName));
        }
        return (bases, factory.Create<MapJournal<TValue>>(context, new Configuration(name + JournalSuffix, storageName)));
    }

    /// <summary>Number of entries over all shards.</summary>
    public int Count
    {
        get
        {
            EnsureMerged();
            return _count;
        }
    }

    /// <summary>Every key, unordered.</summary>
    public IEnumerable<string> Keys => Merged().SelectMany(b => b.State.Entries.Keys);

    /// <summary>Every entry, unordered.</summary>
    public IEnumerable<KeyValuePair<string, TValue>> Entries => Merged().SelectMany(b => b.State.Entries);

    /// <summary>Entries changed since their shard's base was stored (held in the journal).</summary>
    public int JournalCount
    {
        get
        {
            EnsureMerged();
            return _journal.State.Entries.Count;
        }
    }

    /// <summary>
    /// The journal size past which the next <see cref="WriteChangesAsync"/> folds: 32 + 2 √n for n entries. A write costs
    /// the journal (≤ bound) and a fold every ~bound changed keys costs n: O(√n) per changed key either way.
    /// </summary>
    public static int FoldBound(int count) => 32 + (int)(2 * Math.Sqrt(count));

    /// <summary>The entry of <paramref name="key"/>, if any.</summary>
    public bool TryGetValue(string key, out TValue value)
    {
        EnsureMerged();
        if (Base(key).Entries.TryGetValue(key, out var held))
        {
            value = held;
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>Sets the entry in memory; <see cref="WriteChangesAsync"/> stores it (in the journal or its shard's base).</summary>
    public void Set(string key, TValue value)
    {
        EnsureMerged();
        var shard = ShardedMap<TValue>.ShardOf(key);
        var entries = _bases[shard].State.Entries;
        var before = entries.Count;
        entries[key] = value;
        _count += entries.Count - before;
        _journal.State.Entries[key] = value;
        _journalShards |= 1 << shard;
    }

    /// <summary>
    /// How many rows the next <see cref="WriteChangesAsync"/> writes: 0 with nothing changed, 1 (the journal), or on a fold
    /// the number of shards with changed entries. A <c>StreamAcknowledgement</c> names exactly this many.
    /// </summary>
    public int PendingWrites
    {
        get
        {
            EnsureMerged();
            if (_journalShards == 0)
            {
                return 0;
            }
            return FoldDue ? System.Numerics.BitOperations.PopCount((uint)_journalShards) : 1;
        }
    }

    /// <summary>True when the next <see cref="WriteChangesAsync"/> folds the journal into the bases.</summary>
    public bool FoldDue => _journal.State.Entries.Count > FoldBound(_count);

    /// <summary>
    /// Stores the changes made since the last write: the journal row, or (past <see cref="FoldBound"/>) the base of each
    /// shard with changes, which empties the journal. The writes go out together (<see cref="PendingWrites"/> of them).
    /// </summary>
    public async Task WriteChangesAsync(CancellationToken cancellationToken = default)
    {
        EnsureMerged();
        if (_journalShards == 0)
        {
            return;
        }
        if (!FoldDue)
        {
            await _journal.WriteStateAsync(cancellationToken);
            return;
        }
        var shards = _journalShards;
        var writes = new List<Task>(ShardCount);
        for (var i = 0; i < ShardCount; i++)
        {
            if ((shards & (1 << i)) != 0)
            {
                writes.Add(_bases[i].WriteStateAsync(cancellationToken));
            }
        }
        await Task.WhenAll(writes);
        Folded(shards);
    }

    /// <summary>Stores every base shard (after changes to many keys); the journal is then empty (not written).</summary>
    public async Task WriteAllAsync(CancellationToken cancellationToken = default)
    {
        EnsureMerged();
        await Task.WhenAll(_bases.Select(b => b.WriteStateAsync(cancellationToken)));
        Folded((1 << ShardCount) - 1);
    }

    /// <summary>
    /// The entries stored for grain <paramref name="grainId"/>'s map <paramref name="name"/> (bases with their current
    /// journal entries applied), read straight from <paramref name="storage"/> without activating the grain. Rows written
    /// by <see cref="ShardedMap{TValue}"/> read the same.
    /// </summary>
    public static async Task<Dictionary<string, TValue>> ReadStoredAsync(IGrainStorage storage, GrainId grainId, string name)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var bases = Enumerable.Range(0, ShardCount).Select(_ => new GrainState<MapShard<TValue>>(new MapShard<TValue>())).ToArray();
        var journal = new GrainState<MapJournal<TValue>>(new MapJournal<TValue>());
        await Task.WhenAll(bases.Select((b, i) => storage.ReadStateAsync(ShardedMap<TValue>.StateName(name, i), grainId, b))
            .Append(storage.ReadStateAsync(name + JournalSuffix, grainId, journal)));
        var entries = new Dictionary<string, TValue>(StringComparer.Ordinal);
        foreach (var shard in bases)
        {
            if (shard.State?.Entries is { } held)
            {
                foreach (var (key, value) in held)
                {
                    entries[key] = value;
                }
            }
        }
        if (journal.State is { } stored)
        {
            foreach (var (key, value) in stored.Entries)
            {
                if (Applies(stored, bases[ShardedMap<TValue>.ShardOf(key)].ETag, ShardedMap<TValue>.ShardOf(key)))
                {
                    entries[key] = value;
                }
            }
        }
        return entries;
    }

    // A stored journal's entries of `shard` apply when it names the base's current ETag (null: no base row, both ways).
    private static bool Applies(MapJournal<TValue> journal, string? baseETag, int shard) =>
        journal.BaseETags is { Length: ShardCount } etags && string.Equals(etags[shard], baseETag, StringComparison.Ordinal);

    // After the bases of `shards` were stored: they hold every journal entry of theirs, which leaves the journal. Every
    // write folds all journal shards at once, so the journal is then empty.
    private void Folded(int shards)
    {
        var etags = _journal.State.BaseETags!;
        for (var i = 0; i < ShardCount; i++)
        {
            if ((shards & (1 << i)) != 0)
            {
                etags[i] = _bases[i].Etag;
            }
        }
        _journalShards &= ~shards;
        if (_journalShards == 0)
        {
            _journal.State.Entries.Clear();
        }
        else
        {
            foreach (var key in _journal.State.Entries.Keys.ToArray())
            {
                if ((shards & (1 << ShardedMap<TValue>.ShardOf(key))) != 0)
                {
                    _journal.State.Entries.Remove(key);
                }
            }
        }
    }

    private MapShard<TValue> Base(string key) => _bases[ShardedMap<TValue>.ShardOf(key)].State;

    private IPersistentState<MapShard<TValue>>[] Merged()
    {
        EnsureMerged();
        return _bases;
    }

    // First use after the facets loaded: the stored journal's current entries replace their bases' (stale ones, of a base
    // written since, are dropped), and the journal is pinned to the bases' ETags as read.
    private void EnsureMerged()
    {
        if (_merged)
        {
            return;
        }
        var journal = _journal.State ??= new MapJournal<TValue>();
        journal.Entries ??= new Dictionary<string, TValue>(StringComparer.Ordinal);
        for (var i = 0; i < ShardCount; i++)
        {
            _bases[i].State ??= new MapShard<TValue>();
            _bases[i].State.Entries ??= new Dictionary<string, TValue>(StringComparer.Ordinal);
        }
        var current = new Dictionary<string, TValue>(StringComparer.Ordinal);
        foreach (var (key, value) in journal.Entries)
        {
            var shard = ShardedMap<TValue>.ShardOf(key);
            if (Applies(journal, _bases[shard].Etag, shard))
            {
                _bases[shard].State.Entries[key] = value;
                current[key] = value;
                _journalShards |= 1 << shard;
            }
        }
        journal.Entries = current;
        journal.BaseETags = _bases.Select(b => b.Etag).ToArray();
        _count = _bases.Sum(b => b.State.Entries.Count);
        _merged = true;
    }

    private sealed record Configuration(string StateName, string StorageName) : IPersistentStateConfiguration;
}
