namespace JobHome.Grains.Matching;

/// <summary>
/// A seeker activation's stored post list: each reached partition's own top list with the partition version it was
/// computed at. A refresh asks every reached partition, which answers with its version only when nothing changed there,
/// so a served list always equals the engine's over the posts open at that moment.
/// </summary>
internal sealed class PostListCache
{
    private SeekerMatchRecord? _seeker;
    private DateOnly _asOf;
    private string[] _keys = [];
    private long[] _versions = [];
    private MatchItem[][] _parts = [];

    /// <summary>The merged list of the last refresh.</summary>
    public MatchItem[] Items { get; private set; } = [];

    /// <summary>How many partitions the last refresh asked.</summary>
    public int LastAsked { get; private set; }

    /// <summary>True once a list was computed and not dropped since.</summary>
    public bool HasList => _seeker is not null;

    /// <summary>Forgets the list (the seeker's features changed).</summary>
    public void Clear()
    {
        _seeker = null;
        _keys = [];
        _versions = [];
        _parts = [];
        Items = [];
    }

    /// <summary>
    /// Brings the list up to date for <paramref name="seeker"/> on <paramref name="asOf"/>: one call per reached
    /// partition, or, with <paramref name="only"/>, per reached partition named there (the others keep their parts and
    /// versions, so the next full refresh or read still recomputes them if they changed). A new seeker record or date asks
    /// every partition.
    /// </summary>
    public async Task<MatchItem[]> RefreshAsync(IGrainFactory grains, MatchingOptions options, SeekerMatchRecord seeker, DateOnly asOf,
        IReadOnlyCollection<string>? only = null)
    {
        if (!ReferenceEquals(seeker, _seeker) || asOf != _asOf)
        {
            _keys = MatchQueries.SeekerReach(options, seeker, asOf);
            _versions = new long[_keys.Length];
            _parts = new MatchItem[_keys.Length][];
            _seeker = seeker;
            _asOf = asOf;
            only = null;
        }
        var size = options.PostListSize;
        var asked = new List<int>(_keys.Length);
        for (var i = 0; i < _keys.Length; i++)
        {
            if (only is null || only.Contains(_keys[i]))
            {
                asked.Add(i);
            }
        }
        LastAsked = asked.Count;
        if (asked.Count == 0)
        {
            return Items;
        }
        var calls = new Task<PartitionMatches>[asked.Count];
        for (var c = 0; c < calls.Length; c++)
        {
            var i = asked[c];
            calls[c] = grains.Reference<IMatchPartitionGrain>(_keys[i]).TopPostsAsync(seeker, size, asOf, _versions[i], listed: true);
        }
        var answers = await Task.WhenAll(calls);
        var changed = false;
        for (var c = 0; c < answers.Length; c++)
        {
            if (answers[c].Items is { } items)
            {
                _parts[asked[c]] = items;
                _versions[asked[c]] = answers[c].Version;
                changed = true;
            }
        }
        if (changed)
        {
            Items = MatchMerge.Top(_parts, size);
        }
        return Items;
    }
}
