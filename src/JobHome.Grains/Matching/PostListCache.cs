namespace JobHome.Grains.Matching;

/// <summary>
/// A seeker activation's stored post list: each reached partition's own top list (the list's length plus
/// <see cref="Reserve"/>) with the partition version it was computed at. A refresh asks every reached partition, which
/// answers with its version only when nothing changed there, so a served list always equals the engine's over the posts
/// open at that moment. Each part also keeps the partition's floor (<see cref="PartitionMatches.Floor"/>: a stale notice
/// for a new post scoring below it asks nothing) and whether removing items leaves it an exact prefix of the partition's
/// order (<see cref="PartitionMatches.Prefix"/>: a notice that only removes listed posts there is applied locally while
/// the part keeps at least the list's length, or held every eligible post).
/// </summary>
internal sealed class PostListCache
{
    /// <summary>Items each part holds beyond the list's length, so that removed posts can be replaced without a query.</summary>
    public const int Reserve = 5;

    // Scores of one post for one pair agree across the index's two directions to the last bit (same operations); the margin
    // only makes a skip conservative.
    private const double FloorMargin = 1e-9;

    private SeekerMatchRecord? _seeker;
    private DateOnly _asOf;
    private string[] _keys = [];
    private long[] _versions = [];
    private double[] _floors = [];
    private bool[] _prefix = [];
    // The partition's answer held fewer items than asked: every eligible post there (and so after any removal too).
    private bool[] _complete = [];
    private MatchItem[][] _parts = [];

    /// <summary>The merged list of the last refresh.</summary>
    public MatchItem[] Items { get; private set; } = [];

    /// <summary>How many partitions the last refresh asked.</summary>
    public int LastAsked { get; private set; }

    /// <summary>How many partitions the last refresh left out because their new posts' scores were below the part's floor.</summary>
    public int LastSkipped { get; private set; }

    /// <summary>How many partitions the last refresh repaired locally (removed posts replaced from the part's reserve).</summary>
    public int LastRepaired { get; private set; }

    /// <summary>True once a list was computed and not dropped since.</summary>
    public bool HasList => _seeker is not null;

    /// <summary>Forgets the list (the seeker's features changed).</summary>
    public void Clear()
    {
        _seeker = null;
        _keys = [];
        _versions = [];
        _floors = [];
        _prefix = [];
        _complete = [];
        _parts = [];
        Items = [];
    }

    /// <summary>
    /// Brings the list up to date for <paramref name="seeker"/> on <paramref name="asOf"/>: one call per reached
    /// partition, or, with <paramref name="only"/>, per reached partition named there (the others keep their parts and
    /// versions, so the next full refresh or read still recomputes them if they changed). With <paramref name="gains"/>
    /// (per entry of <paramref name="only"/>: the best new post's score there, −∞ for none, or
    /// <see cref="StaleListNotice.MustAsk"/>) a named partition whose part was computed is not asked when its new posts score
    /// below the part's floor and the posts in <paramref name="removed"/> (same order) can be taken out of the part
    /// locally. A new seeker record or date asks every partition.
    /// </summary>
    public async Task<MatchItem[]> RefreshAsync(IGrainFactory grains, MatchingOptions options, SeekerMatchRecord seeker, DateOnly asOf,
        IReadOnlyList<string>? only = null, IReadOnlyList<double>? gains = null, string cause = PostListMetrics.CauseRead,
        IReadOnlyList<string[]?>? removed = null)
    {
        if (!ReferenceEquals(seeker, _seeker) || asOf != _asOf)
        {
            _keys = MatchQueries.SeekerReach(options, seeker, asOf);
            _versions = new long[_keys.Length];
            _floors = new double[_keys.Length];
            _prefix = new bool[_keys.Length];
            _complete = new bool[_keys.Length];
            _parts = new MatchItem[_keys.Length][];
            _seeker = seeker;
            _asOf = asOf;
            only = null;
        }
        var size = options.PostListSize;
        var asked = new List<int>(_keys.Length);
        int skipped = 0, repaired = 0;
        for (var i = 0; i < _keys.Length; i++)
        {
            var named = only is null ? -1 : IndexOf(only, _keys[i]);
            if (only is not null && named < 0)
            {
                continue;
            }
            if (named < 0 || gains is null || named >= gains.Count || _parts[i] is null || !NewPostsCannotEnter(i, gains[named]))
            {
                asked.Add(i);
            }
            else if (removed is not null && named < removed.Count && removed[named] is { Length: > 0 } gone)
            {
                if (TryRemove(i, gone, size))
                {
                    repaired++;
                }
                else
                {
                    asked.Add(i);
                }
            }
            else
            {
                skipped++;
            }
        }
        LastAsked = asked.Count;
        LastSkipped = skipped;
        LastRepaired = repaired;
        PostListMetrics.RecordQueries(cause, asked.Count, skipped, repaired);
        var changed = repaired > 0;
        if (asked.Count > 0)
        {
            var calls = new Task<PartitionMatches>[asked.Count];
            for (var c = 0; c < calls.Length; c++)
            {
                var i = asked[c];
                calls[c] = grains.Reference<IMatchPartitionGrain>(_keys[i])
                    .TopPostsAsync(seeker, size + Reserve, asOf, _versions[i], listed: true);
            }
            var answers = await Task.WhenAll(calls);
            for (var c = 0; c < answers.Length; c++)
            {
                if (answers[c].Items is { } items)
                {
                    _parts[asked[c]] = items;
                    _versions[asked[c]] = answers[c].Version;
                    _floors[asked[c]] = answers[c].Floor;
                    _prefix[asked[c]] = answers[c].Prefix;
                    _complete[asked[c]] = items.Length < size + Reserve;
                    changed = true;
                }
            }
        }
        if (changed)
        {
            Items = MatchMerge.Top(_parts, size);
        }
        return Items;
    }

    // −∞: no new post among the causes; +∞ (MustAsk): a listed post changed.
    private bool NewPostsCannotEnter(int part, double gain) =>
        double.IsNegativeInfinity(gain) || (!double.IsPositiveInfinity(gain) && gain < _floors[part] - FloorMargin);

    // Takes removed posts out of a part that stays an exact prefix of its partition's order, as long as it still holds the
    // list's length or held every eligible post (fewer than asked). The version stays: the next read recomputes the part.
    private bool TryRemove(int part, string[] gone, int size)
    {
        var items = _parts[part];
        var kept = items.Where(item => Array.IndexOf(gone, item.Id) < 0).ToArray();
        if (kept.Length == items.Length)
        {
            return true;
        }
        if (!_prefix[part] || (!_complete[part] && kept.Length < size))
        {
            return false;
        }
        _parts[part] = kept;
        return true;
    }

    private static int IndexOf(IReadOnlyList<string> keys, string key)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (string.Equals(keys[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }
}
