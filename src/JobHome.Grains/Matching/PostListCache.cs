namespace JobHome.Grains.Matching;

/// <summary>
/// A seeker activation's stored post list: each reached partition's own top list with the partition version it was
/// computed at. A refresh asks every reached partition, which answers with its version only when nothing changed there,
/// so a served list always equals the engine's over the posts open at that moment. Each part also keeps the partition's
/// floor (<see cref="PartitionMatches.Floor"/>): a stale notice for a new post scoring below it asks nothing. A part that is
/// held is refreshed with its ids and explanation stamp (<see cref="IMatchPartitionGrain.RefreshPostsAsync"/>), so the
/// partition explains only the items whose words the seeker does not hold already (after a fill or close: the newcomers).
/// Between reads the partitions keep the parts of a list that was read fresh themselves: a partition recomputes a part a
/// change there moved and pushes it (<see cref="ApplyPush"/>: taken when meant for this activation, for the same day and
/// newer than the held part). A registration computes no list (the first read does and lists it, see
/// <see cref="RefreshAsync"/>). Every listing query carries <see cref="Activation"/>, the token of the
/// seeker activation that holds this cache: the partitions remember the listing as that activation's, and its release
/// (<see cref="StaleListNotices.Release"/>) names it.
/// </summary>
internal sealed class PostListCache
{
    private SeekerMatchRecord? _seeker;
    private DateOnly _asOf;
    private string[] _keys = [];
    private long[] _versions = [];
    private double[] _floors = [];
    private long[] _stamps = [];
    private MatchItem[][] _parts = [];
    // Per part: computed by a listing query (the partition holds this activation as its lister and keeps the part fresh),
    // or by a plain query (a mark's refresh after the seeker's record changed: nobody is known to look at the new list yet, so
    // no partition keeps it fresh).
    private bool[] _listed = [];

    // Scores of one post for one pair agree across the index's two directions to the last bit (same operations); the margin
    // only makes a skip conservative.
    private const double FloorMargin = 1e-9;

    /// <summary>
    /// The token of the seeker activation that holds this list (the cache lives exactly as long as the activation): sent
    /// with each partition query and with the activation's release, so a partition forgets only this activation's listing.
    /// </summary>
    public Guid Activation { get; } = Guid.NewGuid();

    /// <summary>The merged list of the last refresh.</summary>
    public MatchItem[] Items { get; private set; } = [];

    /// <summary>How many partitions the last refresh asked.</summary>
    public int LastAsked { get; private set; }

    /// <summary>How many partitions the last refresh left out because their new posts' scores were below the part's floor.</summary>
    public int LastSkipped { get; private set; }

    /// <summary>True once a list was computed and not dropped since.</summary>
    public bool HasList => _seeker is not null;

    /// <summary>The partitions whose parts were computed by a listing query (they remember the seeker as a listener).</summary>
    public IReadOnlyList<string> ListedPartitions
    {
        get
        {
            var keys = new List<string>(_keys.Length);
            for (var i = 0; i < _keys.Length; i++)
            {
                if (_parts[i] is not null && _listed[i])
                {
                    keys.Add(_keys[i]);
                }
            }
            return keys;
        }
    }

    /// <summary>Forgets the list (the seeker's features changed).</summary>
    public void Clear()
    {
        _seeker = null;
        _keys = [];
        _versions = [];
        _floors = [];
        _stamps = [];
        _parts = [];
        _listed = [];
        Items = [];
    }

    /// <summary>
    /// Brings the list up to date for <paramref name="seeker"/> on <paramref name="asOf"/>: one call per reached
    /// partition, or, with <paramref name="only"/>, per reached partition named there (the others keep their parts and
    /// versions, so the next full refresh or read still recomputes them if they changed). With <paramref name="gains"/>
    /// (per entry of <paramref name="only"/>: the best new post's score there, or <see cref="StaleListNotice.MustAsk"/>) a
    /// named partition whose part was computed and whose gain is below that part's floor is not asked either: the new posts
    /// cannot enter the part. A new seeker record or date asks every partition.
    /// With <paramref name="listen"/> (a read) every asked partition lists the seeker (and keeps its part fresh for
    /// <see cref="MatchingOptions.ListenFor"/>): a part computed by a plain query is recomputed, whatever its version, so that
    /// the partition holds it. Without (a mark's refresh, a notice) a part that is not listed yet is computed by
    /// a plain query, and a listed one is listed again; a notice (<paramref name="only"/>) leaves a computed part that is not
    /// listed as it is.
    /// </summary>
    public async Task<MatchItem[]> RefreshAsync(IGrainFactory grains, MatchingOptions options, SeekerMatchRecord seeker, DateOnly asOf,
        IReadOnlyList<string>? only = null, IReadOnlyList<double>? gains = null, string cause = PostListMetrics.CauseRead,
        bool listen = true)
    {
        if (!ReferenceEquals(seeker, _seeker) || asOf != _asOf)
        {
            _keys = MatchQueries.SeekerReach(options, seeker, asOf);
            _versions = new long[_keys.Length];
            _floors = new double[_keys.Length];
            _stamps = new long[_keys.Length];
            _parts = new MatchItem[_keys.Length][];
            _listed = new bool[_keys.Length];
            _seeker = seeker;
            _asOf = asOf;
            only = null;
        }
        var size = options.PostListSize;
        var asked = new List<int>(_keys.Length);
        var skipped = 0;
        for (var i = 0; i < _keys.Length; i++)
        {
            var named = only is null ? -1 : IndexOf(only, _keys[i]);
            if (only is not null && (named < 0 || (!listen && _parts[i] is not null && !_listed[i])))
            {
                // Not named; or named by a notice (a young partition tells every top seeker of a new post) for a part that no
                // read listed: such a part is not kept fresh (the next read asks the partition anyway).
                continue;
            }
            if (named >= 0 && gains is not null && named < gains.Count && _parts[i] is not null
                && gains[named] < _floors[i] - FloorMargin)
            {
                skipped++;
                continue;
            }
            asked.Add(i);
        }
        LastAsked = asked.Count;
        LastSkipped = skipped;
        PostListMetrics.RecordQueries(cause, asked.Count, skipped);
        if (asked.Count == 0)
        {
            return Items;
        }
        var calls = new Task<PartitionMatches>[asked.Count];
        var listing = new bool[asked.Count];
        for (var made = 0; made < calls.Length; made++)
        {
            var i = asked[made];
            var partition = grains.Kept<IMatchPartitionGrain>(_keys[i]);
            listing[made] = listen || _listed[i];
            // A part not listed yet is answered in full (version 0 is never a partition's), so the partition lists it.
            var known = _listed[i] ? _versions[i] : 0;
            calls[made] = !listing[made]
                ? partition.TopPostsAsync(seeker, size, asOf, _versions[i], listed: false)
                : _parts[i] is { Length: > 0 } held
                    ? partition.RefreshListedPostsAsync(seeker, size, asOf, known, Ids(held), _stamps[i], Activation)
                    : partition.ListPostsAsync(seeker, size, asOf, known, Activation);
            PostListMetrics.RecordAsked(seeker.Id, _keys[i], cause);
        }
        var answers = await Task.WhenAll(calls);
        var changed = false;
        for (var c = 0; c < answers.Length; c++)
        {
            // Pushes wait behind this turn (the grain does not interleave), so the answer is the newest part here.
            if (answers[c].Items is { } items)
            {
                Take(asked[c], answers[c], items);
                _listed[asked[c]] |= listing[c];
                changed = true;
            }
        }
        if (changed)
        {
            Items = MatchMerge.Top(_parts, size);
        }
        return Items;
    }

    /// <summary>What <see cref="ApplyPush"/> made of a push.</summary>
    public enum PushOutcome
    {
        /// <summary>The part was replaced and the list merged again.</summary>
        Taken,

        /// <summary>
        /// Not taken: no list, another day, a part never computed, a version not newer than the held part's (a partition
        /// reactivated on a silo whose clock is behind also starts lower: its pushes wait for the next read), or reused items
        /// the part does not hold.
        /// </summary>
        Ignored,

        /// <summary>Not taken: the partition is not (or no longer) in the list's reach; its listing there can be released.</summary>
        NotInReach,
    }

    /// <summary>
    /// Takes a partition's pushed part (<see cref="PostListPush"/>, already checked to be meant for <see cref="Activation"/>)
    /// when the list holds a part of that partition computed for the same day at an older version; reused items are completed
    /// from the held part (a push whose reused items the part does not hold is ignored: the next read recomputes the part).
    /// </summary>
    public PushOutcome ApplyPush(PostListPush push, int size)
    {
        ArgumentNullException.ThrowIfNull(push);
        if (!HasList || push.AsOf != _asOf || push.Part.Items is not { } items)
        {
            return PushOutcome.Ignored;
        }
        var i = IndexOf(_keys, push.Partition);
        if (i < 0)
        {
            return PushOutcome.NotInReach;
        }
        if (_parts[i] is null || push.Part.Version <= _versions[i])
        {
            return PushOutcome.Ignored;
        }
        if (push.Part.Reused is { } reused && !Completable(items, reused, _parts[i]))
        {
            return PushOutcome.Ignored;
        }
        Take(i, push.Part, items);
        Items = MatchMerge.Top(_parts, size);
        return PushOutcome.Taken;
    }

    private void Take(int i, PartitionMatches answer, MatchItem[] items)
    {
        _parts[i] = answer.Reused is { } reused ? WithHeldFactors(items, reused, _parts[i]) : items;
        _versions[i] = answer.Version;
        _floors[i] = answer.Floor;
        _stamps[i] = answer.Stamp;
    }

    private static bool Completable(MatchItem[] items, bool[] reused, MatchItem[] held)
    {
        for (var i = 0; i < items.Length; i++)
        {
            if (!reused[i])
            {
                continue;
            }
            var old = HeldItem(held, items[i].Id);
            if (old is null || old.Factors.Length < items[i].Factors.Length)
            {
                return false;
            }
        }
        return true;
    }

    private static string[] Ids(MatchItem[] items)
    {
        var ids = new string[items.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = items[i].Id;
        }
        return ids;
    }

    /// <summary>
    /// The answer's items with the reused ones completed: a reused item carries its leading factors (an aware list's
    /// congestion reason, or none); the linear factors after them are the held item's, which the partition vouched are the
    /// same words (same seeker record, day, post features and model).
    /// </summary>
    internal static MatchItem[] WithHeldFactors(MatchItem[] items, bool[] reused, MatchItem[]? held)
    {
        var result = new MatchItem[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            if (!reused[i])
            {
                result[i] = item;
                continue;
            }
            var old = held is null ? null : HeldItem(held, item.Id);
            if (old is null || old.Factors.Length < item.Factors.Length)
            {
                throw new InvalidOperationException($"partition reused the explanation of post {item.Id}, which the list does not hold");
            }
            result[i] = !SameLeading(item.Factors, old.Factors)
                ? item with { Factors = [.. item.Factors, .. old.Factors.AsSpan(item.Factors.Length)] }
                : item.Score == old.Score && item.OrderKey == old.OrderKey
                    ? old
                    : item with { Factors = old.Factors };
        }
        return result;
    }

    // True when the answer's leading factors equal the held item's first ones: the completed factors are then the held array
    // itself (the same values; the arrays are never written), shared instead of copied, and an item equal in every field is
    // the held item. A push mostly repeats the held items, so this keeps a seeker's list from growing a copy per push.
    private static bool SameLeading(MatchFactorView[] leading, MatchFactorView[] held)
    {
        for (var f = 0; f < leading.Length; f++)
        {
            if (!ReferenceEquals(leading[f], held[f]) && !leading[f].Equals(held[f]))
            {
                return false;
            }
        }
        return true;
    }

    // The first held item with this id (a loop: a lambda over the id cost a closure and a delegate per item).
    private static MatchItem? HeldItem(MatchItem[] held, string id)
    {
        foreach (var item in held)
        {
            if (string.Equals(item.Id, id, StringComparison.Ordinal))
            {
                return item;
            }
        }
        return null;
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
