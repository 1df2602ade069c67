using Orleans.Runtime;
using Orleans.Storage;

namespace JobHome.Grains.Sharding;

/// <summary>
/// A grain's large keyed map stored as <see cref="ShardCount"/> base rows (the rows of <see cref="ShardedMap{TValue}"/>:
/// <c>{name}-0</c> … <c>{name}-15</c>, same format) plus two journal rows (<see cref="MapJournal{TValue}"/>s) holding the
/// entries changed since their shard's base was written: the recent journal (<c>{name}-journal</c>), written by most
/// writes, and the older journal (<c>{name}-older</c>), which takes the recent one's entries when that passes
/// <see cref="RecentBound"/>. A write stores one row whose size is a journal's, not the map's: the recent journal; or,
/// past <see cref="RecentBound"/>, the older journal with the recent entries added (the recent journal is then empty in
/// memory and its stored row, naming the older row's previous ETag, is ignored on load:
/// <see cref="MapJournal{TValue}.OlderETag"/>); or, once both together pass <see cref="FoldBound"/>, the base of every
/// shard the journals touch (each holds its journal entries; both journals are then empty in memory and their stored
/// entries of those shards name the bases' previous ETags: <see cref="MapJournal{TValue}.BaseETags"/>). Whichever rows of
/// a write commit, the map read back is the map before the write with some of its changes, each shard either wholly
/// before or wholly after (the caller's acknowledgement covers all of them or none: <see cref="PendingWrites"/>).
/// <para>
/// Cost per changed key with n entries, d changed keys per write, a recent bound r and a fold bound b: the recent journal
/// (≤ r entries) per write, r/(2d); the older journal (≤ b entries) every ~r keys, b/(2r); the bases (n entries) every
/// ~b keys, n/b. With one journal (before 3 Dec) it was b/(2d) + n/b, ~72 entries at n = 13,000 and d = 5 (a township
/// aggregator under the load); with b = 32 + 10 √n and r = 2 √b it is ~27 (docs/benchmarks.md). Rows written by
/// <see cref="ShardedMap{TValue}"/> read unchanged (bases without journal rows), and so do rows written with one journal
/// (a recent journal without an older row). Entries are only set, never removed.
/// </para>
/// </summary>
/// <typeparam name="TValue">The entry type (treated as immutable once set: the journals and the base share it).</typeparam>
public sealed class JournaledShardedMap<TValue>
{
    /// <summary>Number of base shards (as <see cref="ShardedMap{TValue}.ShardCount"/>: the same rows).</summary>
    public const int ShardCount = ShardedMap<TValue>.ShardCount;

    /// <summary>The recent journal row's name suffix: <c>{name}-journal</c> (the one journal of rows written before 3 Dec).</summary>
    public const string JournalSuffix = "-journal";

    /// <summary>The older journal row's name suffix: <c>{name}-older</c>.</summary>
    public const string OlderSuffix = "-older";

    private readonly IPersistentState<MapShard<TValue>>[] _bases = new IPersistentState<MapShard<TValue>>[ShardCount];
    private readonly IPersistentState<MapJournal<TValue>> _journal;
    private readonly IPersistentState<MapJournal<TValue>> _older;
    private bool _merged;
    private int _count;
    // Shards with entries in either journal (bit per shard).
    private int _journalShards;

    /// <summary>Creates the base and journal facets for <paramref name="context"/>; they load with the activation.</summary>
    public JournaledShardedMap(IPersistentStateFactory factory, IGrainContext context, string name, string storageName)
        : this(Facets(factory, context, name, storageName))
    {
    }

    /// <summary>
    /// A map over loaded states: <paramref name="bases"/> (<see cref="ShardCount"/> of them, shard i at index i), the recent
    /// <paramref name="journal"/> and the <paramref name="older"/> journal, read before the map's first use (tests and
    /// benchmarks pass their own).
    /// </summary>
    public JournaledShardedMap(IReadOnlyList<IPersistentState<MapShard<TValue>>> bases, IPersistentState<MapJournal<TValue>> journal,
        IPersistentState<MapJournal<TValue>> older)
    {
        ArgumentNullException.ThrowIfNull(bases);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(older);
        if (bases.Count != ShardCount)
        {
            throw new ArgumentException($"A journaled map has {ShardCount} base shards.", nameof(bases));
        }
        for (var i = 0; i < ShardCount; i++)
        {
            _bases[i] = bases[i];
        }
        _journal = journal;
        _older = older;
    }

    private JournaledShardedMap(FacetSet facets)
        : this(facets.Bases, facets.Journal, facets.Older)
    {
    }

    private static FacetSet Facets(IPersistentStateFactory factory, IGrainContext context, string name, string storageName)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var bases = new IPersistentState<MapShard<TValue>>[ShardCount];
        for (var i = 0; i < ShardCount; i++)
        {
            bases[i] = factory.Create<MapShard<TValue>>(context, new Configuration(ShardedMap<TValue>.StateName(name, i), storageName));
        }
        return new FacetSet(bases, factory.Create<MapJournal<TValue>>(context, new Configuration(name + JournalSuffix, storageName)),
            factory.Create<MapJournal<TValue>>(context, new Configuration(name + OlderSuffix, storageName)));
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

    /// <summary>Entries changed since their shard's base was stored, in both journals (a key in both counts twice).</summary>
    public int JournalCount
    {
        get
        {
            EnsureMerged();
            return _journal.State.Entries.Count + _older.State.Entries.Count;
        }
    }

    /// <summary>Entries in the recent journal (changed since the older journal was stored).</summary>
    public int RecentCount
    {
        get
        {
            EnsureMerged();
            return _journal.State.Entries.Count;
        }
    }

    /// <summary>
    /// The journals' size past which the next <see cref="WriteChangesAsync"/> folds: 32 + 10 √n for n entries. The bases
    /// (n entries) are then written about once per this many changed keys.
    /// </summary>
    public static int FoldBound(int count) => 32 + (int)(10 * Math.Sqrt(count));

    /// <summary>
    /// The recent journal's size past which the next <see cref="WriteChangesAsync"/> writes the older journal instead:
    /// 2 √(<see cref="FoldBound"/>), at least 8. The recent journal, written by most writes, stays this small.
    /// </summary>
    public static int RecentBound(int count) => Math.Max(8, (int)(2 * Math.Sqrt(FoldBound(count))));

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

    /// <summary>Sets the entry in memory; <see cref="WriteChangesAsync"/> stores it (in a journal or its shard's base).</summary>
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
    /// How many rows the next <see cref="WriteChangesAsync"/> writes: 0 with nothing changed, 1 (a journal), or on a fold
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

    /// <summary>True when the next <see cref="WriteChangesAsync"/> folds the journals into the bases.</summary>
    public bool FoldDue => JournalCount > FoldBound(_count);

    /// <summary>True when the next <see cref="WriteChangesAsync"/> (not a fold) writes the older journal, not the recent one.</summary>
    public bool OlderDue => RecentCount > RecentBound(_count);

    /// <summary>
    /// Stores the changes made since the last write: the recent journal row; past <see cref="RecentBound"/> the older
    /// journal row with the recent entries added; or, past <see cref="FoldBound"/>, the base of each shard with changes,
    /// which empties both journals. The writes go out together (<see cref="PendingWrites"/> of them).
    /// </summary>
    public async Task WriteChangesAsync(CancellationToken cancellationToken = default)
    {
        EnsureMerged();
        if (_journalShards == 0)
        {
            return;
        }
        if (FoldDue)
        {
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
            return;
        }
        if (OlderDue)
        {
            var older = _older.State;
            var recent = _journal.State.Entries;
            foreach (var (key, value) in recent)
            {
                older.Entries[key] = value;
            }
            await _older.WriteStateAsync(cancellationToken);
            // The stored recent row names the older row's previous ETag: its entries, all in the older row now, are ignored.
            recent.Clear();
            _journal.State.OlderETag = _older.Etag;
            return;
        }
        await _journal.WriteStateAsync(cancellationToken);
    }

    /// <summary>Stores every base shard (after changes to many keys); the journals are then empty (not written).</summary>
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
        var older = new GrainState<MapJournal<TValue>>(new MapJournal<TValue>());
        await Task.WhenAll(bases.Select((b, i) => storage.ReadStateAsync(ShardedMap<TValue>.StateName(name, i), grainId, b))
            .Append(storage.ReadStateAsync(name + JournalSuffix, grainId, journal))
            .Append(storage.ReadStateAsync(name + OlderSuffix, grainId, older)));
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
        var baseETags = bases.Select(b => b.ETag).ToArray();
        foreach (var (key, value) in Current(older.State, baseETags))
        {
            entries[key] = value;
        }
        foreach (var (key, value) in Current(OnTopOf(journal.State, older.ETag), baseETags))
        {
            entries[key] = value;
        }
        return entries;
    }

    // A stored journal's entries that apply: those of shards whose base has the ETag the journal names (null: no base row,
    // both ways).
    private static IEnumerable<KeyValuePair<string, TValue>> Current(MapJournal<TValue>? journal, string?[] baseETags)
    {
        if (journal?.Entries is not { } entries || journal.BaseETags is not { Length: ShardCount } etags)
        {
            yield break;
        }
        foreach (var entry in entries)
        {
            var shard = ShardedMap<TValue>.ShardOf(entry.Key);
            if (string.Equals(etags[shard], baseETags[shard], StringComparison.Ordinal))
            {
                yield return entry;
            }
        }
    }

    // The recent journal as stored, while the older row has the ETag it names; null (nothing applies) once the older row
    // was written again (it holds these entries).
    private static MapJournal<TValue>? OnTopOf(MapJournal<TValue>? recent, string? olderETag) =>
        recent is not null && string.Equals(recent.OlderETag, olderETag, StringComparison.Ordinal) ? recent : null;

    // After the bases of `shards` were stored: they hold every journal entry of theirs, which leaves both journals. Every
    // fold stores all journal shards at once, so the journals are then empty.
    private void Folded(int shards)
    {
        foreach (var journal in new[] { _journal.State, _older.State })
        {
            var etags = journal.BaseETags!;
            for (var i = 0; i < ShardCount; i++)
            {
                if ((shards & (1 << i)) != 0)
                {
                    etags[i] = _bases[i].Etag;
                }
            }
            if ((_journalShards & ~shards) == 0)
            {
                journal.Entries.Clear();
            }
            else
            {
                foreach (var key in journal.Entries.Keys.ToArray())
                {
                    if ((shards & (1 << ShardedMap<TValue>.ShardOf(key))) != 0)
                    {
                        journal.Entries.Remove(key);
                    }
                }
            }
        }
        _journalShards &= ~shards;
    }

    private MapShard<TValue> Base(string key) => _bases[ShardedMap<TValue>.ShardOf(key)].State;

    private IPersistentState<MapShard<TValue>>[] Merged()
    {
        EnsureMerged();
        return _bases;
    }

    // First use after the facets loaded: the stored journals' current entries (older first, then recent) replace their
    // bases' (stale ones are dropped), and both journals are pinned to the rows as read.
    private void EnsureMerged()
    {
        if (_merged)
        {
            return;
        }
        var journal = _journal.State ??= new MapJournal<TValue>();
        var older = _older.State ??= new MapJournal<TValue>();
        journal.Entries ??= new Dictionary<string, TValue>(StringComparer.Ordinal);
        older.Entries ??= new Dictionary<string, TValue>(StringComparer.Ordinal);
        for (var i = 0; i < ShardCount; i++)
        {
            _bases[i].State ??= new MapShard<TValue>();
            _bases[i].State.Entries ??= new Dictionary<string, TValue>(StringComparer.Ordinal);
        }
        var baseETags = _bases.Select(b => b.Etag).ToArray();
        var currentOlder = Adopt(Current(older, baseETags));
        var currentRecent = Adopt(Current(OnTopOf(journal, _older.Etag), baseETags));
        older.Entries = currentOlder;
        older.BaseETags = [.. baseETags];
        journal.Entries = currentRecent;
        journal.BaseETags = [.. baseETags];
        journal.OlderETag = _older.Etag;
        _count = _bases.Sum(b => b.State.Entries.Count);
        _merged = true;
    }

    // Journal entries that apply replace their bases' in memory; returns them as the journal's entries.
    private Dictionary<string, TValue> Adopt(IEnumerable<KeyValuePair<string, TValue>> entries)
    {
        var current = new Dictionary<string, TValue>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            var shard = ShardedMap<TValue>.ShardOf(key);
            _bases[shard].State.Entries[key] = value;
            current[key] = value;
            _journalShards |= 1 << shard;
        }
        return current;
    }

    private sealed record Configuration(string StateName, string StorageName) : IPersistentStateConfiguration;

    private sealed record FacetSet(
        IPersistentState<MapShard<TValue>>[] Bases,
        IPersistentState<MapJournal<TValue>> Journal,
        IPersistentState<MapJournal<TValue>> Older);
}
