using JobHome.Grains.Sharding;

namespace JobHome.Grains.Indicators;

/// <summary>
/// A site aggregator's per-record entries, stored in one of two layouts. A site without children and with at most
/// <see cref="SingleRowLimit"/> entries keeps them in its own state row (<see cref="SiteIndicatorsState.Sources"/>): a
/// delivery, however many records it touches, is then one write. A larger site, or one with children (whose row also
/// holds the children's totals), keeps them in the 16 shards of a <see cref="ShardedMap{TValue}"/>: a delivery writes each
/// shard it touched, so a write stays O(n / 16) as the site grows. A site moves from the row to the shards once (shards
/// first, the row emptied after), never back; an activation that finds entries in both (a move cut short by a crash, or
/// a state stored before the shards) finishes the move, the newer version winning.
/// </summary>
internal sealed class SiteSources
{
    /// <summary>
    /// The most entries a site keeps in its own row: past it, the next write moves them into the shards. 64 entries are
    /// about 2 KB serialized (one SQLite page), so a write in the row never costs more than a few of a sharded site's
    /// shard writes; most villages of the Xinfeng demo hold 10–60 records.
    /// </summary>
    public const int SingleRowLimit = 64;

    private readonly IPersistentState<SiteIndicatorsState> _state;
    private readonly ShardedMap<SourceEntry> _shards;

    /// <summary>Wraps the aggregator's state (the row) and its shards; <see cref="LoadAsync"/> chooses the layout.</summary>
    public SiteSources(IPersistentState<SiteIndicatorsState> state, ShardedMap<SourceEntry> shards)
    {
        _state = state;
        _shards = shards;
    }

    /// <summary>True when the entries are in the shards (from then on for good); false while they are in the site's row.</summary>
    public bool Sharded { get; private set; }

    private Dictionary<string, SourceEntry> Row => _state.State.Sources;

    /// <summary>Every record id held.</summary>
    public IEnumerable<string> Keys => Sharded ? _shards.Keys : Row.Keys;

    /// <summary>Every entry held.</summary>
    public IEnumerable<SourceEntry> Values => Sharded ? _shards.Values : Row.Values;

    /// <summary>Every record id with its entry.</summary>
    public IEnumerable<KeyValuePair<string, SourceEntry>> Entries => Sharded ? _shards.Entries : Row;

    /// <summary>True when the row holds more entries than it may keep: <see cref="MoveToShardsAsync"/> is due.</summary>
    public bool RowFull => !Sharded && Row.Count > SingleRowLimit;

    /// <summary>The entry of <paramref name="sourceId"/>, if held.</summary>
    public bool TryGetValue(string sourceId, out SourceEntry entry)
    {
        if (Sharded)
        {
            return _shards.TryGetValue(sourceId, out entry);
        }
        return Row.TryGetValue(sourceId, out entry!);
    }

    /// <summary>Sets the entry in memory; <see cref="WriteAsync"/> stores it.</summary>
    public void Set(string sourceId, SourceEntry entry)
    {
        if (Sharded)
        {
            _shards.Set(sourceId, entry);
        }
        else
        {
            Row[sourceId] = entry;
        }
    }

    /// <summary>The number of state writes <see cref="WriteAsync"/> makes for <paramref name="changed"/>: one in the row, one per touched shard.</summary>
    public int WritesFor(IReadOnlyList<string> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        if (!Sharded)
        {
            return 1;
        }
        var shards = 0;
        foreach (var source in changed)
        {
            shards |= 1 << ShardedMap<SourceEntry>.ShardOf(source);
        }
        return System.Numerics.BitOperations.PopCount((uint)shards);
    }

    /// <summary>Stores the entries of <paramref name="changed"/>: the site's row once, or each touched shard once.</summary>
    public Task WriteAsync(IReadOnlyList<string> changed) => Sharded ? _shards.WriteAsync(changed) : _state.WriteStateAsync();

    /// <summary>Stores every entry: the row, or all shards.</summary>
    public Task WriteAllAsync(CancellationToken cancellationToken = default) =>
        Sharded ? _shards.WriteAllAsync(cancellationToken) : _state.WriteStateAsync(cancellationToken);

    /// <summary>
    /// On activation, after the state and the shards were read: a site that may keep its entries in its row (no children)
    /// and holds no shard entries stays in the row while it fits; any other moves what its row holds into the shards.
    /// </summary>
    public async Task LoadAsync(bool mayUseRow, CancellationToken cancellationToken)
    {
        Sharded = !mayUseRow || Row.Count > SingleRowLimit || _shards.Count > 0;
        if (Sharded && Row.Count > 0)
        {
            await MoveRowAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Moves the entries into the shards for good (the site outgrew its row, or got children): every shard written first,
    /// the row emptied after, so a crash between the two leaves both, which the next activation merges.
    /// </summary>
    public async Task MoveToShardsAsync(CancellationToken cancellationToken = default)
    {
        if (Sharded)
        {
            return;
        }
        Sharded = true;
        await MoveRowAsync(cancellationToken);
    }

    // The newer version wins (a move cut short may have left an entry in both places).
    private async Task MoveRowAsync(CancellationToken cancellationToken)
    {
        foreach (var (id, entry) in Row)
        {
            if (!_shards.TryGetValue(id, out var held) || held.Version < entry.Version)
            {
                _shards.Set(id, entry);
            }
        }
        await _shards.WriteAllAsync(cancellationToken);
        Row.Clear();
        await _state.WriteStateAsync(cancellationToken);
    }
}
