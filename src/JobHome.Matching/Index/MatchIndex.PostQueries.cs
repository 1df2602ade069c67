using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Index;

/// <summary>
/// Kept post queries: a seeker whose top posts are asked again and again (a stored list's part, recomputed after each change
/// that touches it) keeps a <b>memo</b> of its last scan: the best posts by score (more than asked: a reserve of
/// <see cref="Reserve"/>), each with its score, and the memo's <b>bottom</b> (its last post when the scan found as many as it
/// asked; every eligible post not in the memo ranks below it). The index logs every post change that can change a seeker's
/// eligibility or score of a post (an upsert other than a change of free openings that stays above zero, a removal); the
/// next query of the kept seeker walks the changes since its memo: each changed post leaves the memo and comes back, scored
/// afresh as a scan scores it, if it is eligible and ranks at or above the bottom. Posts not changed keep their scores, and
/// every post outside the memo still ranks below the bottom, so the memo's posts are exactly the best of the index down to the
/// bottom: while it holds at least the count asked (or held every eligible post), its first count are the query's answer,
/// the same ids, scores and order as a scan. Otherwise (too few left, another model or settings, more changes than the log
/// keeps) it is filled again by a scan. The memo never holds more posts than its fill asked for: a post admitted into a full
/// memo drops the memo's last post, and the post before that becomes the bottom (every post outside still ranks below it),
/// so a memo's searches and inserts stay as cheap as after its fill, and the walks after it hold posts to a higher bottom.
/// The walk handles a post once (at its latest entry) and passes over, from the log entry's own copy of the post
/// (<see cref="PostLogEntry"/>), every post it could not admit, without reading its segment.
/// </summary>
public sealed partial class MatchIndex
{
    // Post changes kept for the memos (a power of two); a memo older than this many changes is filled again by a scan.
    internal const int LogCapacity = 4096;
    private const long LogMask = LogCapacity - 1;

    private readonly PostLogEntry[] _postLog = new PostLogEntry[LogCapacity];
    private long _postLogEnd;
    private readonly Dictionary<string, PostQueryMemo> _kept = new(StringComparer.Ordinal);
    private int _keptCount;

    /// <summary>How many posts a kept query's memo holds beyond the <paramref name="count"/> asked.</summary>
    public static int Reserve(int count) => Math.Max(8, count / 4);

    /// <summary>
    /// Keeps the post queries of <paramref name="seeker"/> (this object: a query with another object for the same id is a
    /// plain scan): <see cref="TopPostsForSeeker"/> then answers them from a memo of the last scan and the post changes since
    /// (see the class remarks), with the same result. Replaces the seeker's earlier kept query.
    /// </summary>
    public void KeepPostQuery(MatchSeeker seeker)
    {
        ArgumentNullException.ThrowIfNull(seeker);
        lock (_writeLock)
        {
            if (_kept.TryGetValue(seeker.Id, out var memo) && ReferenceEquals(memo.Seeker, seeker))
            {
                return;
            }
            _kept[seeker.Id] = new PostQueryMemo(seeker);
            Volatile.Write(ref _keptCount, _kept.Count);
        }
    }

    /// <summary>Stops keeping the seeker's post queries (its memo is dropped); false when none was kept.</summary>
    public bool ForgetPostQuery(string seekerId)
    {
        ArgumentNullException.ThrowIfNull(seekerId);
        lock (_writeLock)
        {
            var removed = _kept.Remove(seekerId);
            Volatile.Write(ref _keptCount, _kept.Count);
            return removed;
        }
    }

    /// <summary>This index's kept queries answered from their memo without a scan, and those filled by a scan (for tests).</summary>
    internal (long Answered, long Refilled) KeptAnswers { get; private set; }

    /// <summary>True when every memo's membership mark is set for exactly its posts (for tests).</summary>
    internal bool KeptMarksExact()
    {
        lock (_writeLock)
        {
            foreach (var memo in _kept.Values)
            {
                if (!memo.MarkExact())
                {
                    return false;
                }
            }
            return true;
        }
    }

    /// <summary>The most posts any memo holds now (for tests).</summary>
    internal int KeptMemoLargest()
    {
        lock (_writeLock)
        {
            return _kept.Values.Select(static memo => memo.Count).DefaultIfEmpty(0).Max();
        }
    }

    /// <summary>Number of kept post queries.</summary>
    public int KeptPostQueries => Volatile.Read(ref _keptCount);

    /// <summary>This index's kept-query walks: log entries walked, passed over as superseded or by the prefilter (without reading
    /// the slot), memo searches, and posts scored again (for tests).</summary>
    internal WalkCounts KeptWalk { get; private set; }

    private void LogPost(RecordSlot slot, in PostFeatures features)
    {
        ref var entry = ref NextLogEntry(slot);
        (entry.X, entry.Y, entry.Z) = GeoDistance.UnitVector(features.Lat, features.Lon);
        entry.PayMin = features.PayMin;
        entry.PayMax = features.PayMax;
        entry.Filter = new PostFilter(features.AgeMin, features.AgeMax, features.Openings, features.Kind, features.MinEducationRank);
        entry.Occupation = features.Occupation;
    }

    private void LogRemoval(RecordSlot slot) => NextLogEntry(slot).Removed = true;

    // The next log entry, cleared but for the slot; the slot's entry before it (still in the ring) is marked superseded.
    private ref PostLogEntry NextLogEntry(RecordSlot slot)
    {
        var seq = _postLogEnd;
        var previous = slot.LastLogged;
        if (previous >= 0 && seq - previous < LogCapacity)
        {
            _postLog[previous & LogMask].Superseded = true;
        }
        slot.LastLogged = seq;
        _postLogEnd = seq + 1;
        ref var entry = ref _postLog[seq & LogMask];
        entry = default;
        entry.Slot = slot;
        entry.Handle = slot.Handle;
        return ref entry;
    }

    // The kept query's answer, or null when the seeker object is not kept (a plain scan answers). With ranked, the answer's ids
    // and scores go there instead (no recommendation objects) and the result is empty.
    private Recommendation[]? TopPostsKept(MatchSeeker seeker, int count, MatchOptions options, ScoringModel model,
        List<ScoredRecord>? ranked = null)
    {
        lock (_writeLock)
        {
            if (!_kept.TryGetValue(seeker.Id, out var memo) || !ReferenceEquals(memo.Seeker, seeker))
            {
                return null;
            }
            var query = new SeekerFeatures(seeker, Skills, addSkills: false);
            var counts = default(WalkCounts);
            var refilled = !memo.Matches(model, options, _postLogEnd - LogCapacity);
            if (!refilled)
            {
                Walk(memo, in query, model, options, ref counts);
                refilled = !memo.Covers(count);
            }
            if (refilled)
            {
                var fill = count + Reserve(count);
                memo.Fill(_posts.Candidates(in query, fill, model, options), fill, model, options, _postLogEnd);
            }
            IndexCounters.CountMemo(refilled, in counts);
            KeptWalk += counts;
            KeptAnswers = refilled ? (KeptAnswers.Answered, KeptAnswers.Refilled + 1) : (KeptAnswers.Answered + 1, KeptAnswers.Refilled);
            if (ranked is not null)
            {
                for (var i = 0; i < Math.Min(count, memo.Count); i++)
                {
                    var (score, slot) = memo[i];
                    ranked.Add(new ScoredRecord(slot.Id, score));
                }
                return [];
            }
            var result = new Recommendation[Math.Min(count, memo.Count)];
            for (var i = 0; i < result.Length; i++)
            {
                var (score, slot) = memo[i];
                if (options.TopFactors == 0)
                {
                    result[i] = new Recommendation(slot.Id, score, []);
                    continue;
                }
                // As the scan's answer explains its candidates: the stored features' factors.
                PostStore.TryLocate(slot, out var segment, out var index);
                var factors = PostStore.Factors(segment, index, in query, options);
                result[i] = Scorer.Recommend(slot.Id, score, factors, model, options.TopFactors);
            }
            return result;
        }
    }

    // Brings the memo up to the log's end: each changed post leaves it and comes back scored afresh if it ranks at or above the
    // bottom (or anywhere, when the memo held every eligible post). A post is handled once, at its latest entry (the earlier
    // ones are superseded: each would do the same with the same stored post); the memo is searched only for a post its mark
    // may hold; an entry the prefilter rejects from its own copy of the post (out of range, a hard filter, a bound below the
    // bottom: every such post fails TryScore or the bottom) is passed over without reading the slot or the segment.
    private void Walk(PostQueryMemo memo, in SeekerFeatures query, ScoringModel model, MatchOptions options, ref WalkCounts counts)
    {
        var end = _postLogEnd;
        if (memo.Seq == end)
        {
            return;
        }
        var scorer = PostStore.QueryFor(in query, model, options);
        var here = GeoDistance.UnitVector(query.Lat, query.Lon);
        var below = memo.Below;
        var log = _postLog;
        long superseded = 0, prefiltered = 0, searched = 0, scored = 0;
        for (var at = memo.Seq; at < end; at++)
        {
            ref readonly var entry = ref log[at & LogMask];
            if (entry.Superseded)
            {
                superseded++;
                continue;
            }
            if (memo.MayHold(entry.Handle))
            {
                searched++;
                memo.Remove(entry.Slot);
            }
            if (entry.Removed || !scorer.MayScore(in entry, here, below))
            {
                prefiltered++;
                continue;
            }
            var slot = entry.Slot;
            if (PostStore.TryLocate(slot, out var segment, out var index) && scorer.TryScore(segment, index, below, out var score))
            {
                scored++;
                if (memo.Admits(score, slot.Id))
                {
                    memo.Insert(score, slot);
                    // An insert into a full memo drops its last post and raises the bottom: later entries are held to it.
                    below = memo.Below;
                }
            }
        }
        counts += new WalkCounts(end - memo.Seq, superseded, prefiltered, searched, scored);
        memo.Seq = end;
    }
}

/// <summary>Counts of kept-query walks: log entries walked, superseded, prefiltered (both passed over without reading the slot),
/// memo searches, posts scored again.</summary>
internal readonly record struct WalkCounts(long Walked, long Superseded, long Prefiltered, long Searched, long Scored)
{
    public static WalkCounts operator +(WalkCounts a, WalkCounts b) =>
        new(a.Walked + b.Walked, a.Superseded + b.Superseded, a.Prefiltered + b.Prefiltered, a.Searched + b.Searched,
            a.Scored + b.Scored);
}

/// <summary>A kept post query's memo (<see cref="MatchIndex.KeepPostQuery"/>): the best posts of its last scan and the changes since.</summary>
internal sealed class PostQueryMemo(MatchSeeker seeker)
{
    // Membership mark: bit Bit(handle) is set for every post in the memo (and for no other), so that a walk searches the memo
    // only for a post it may hold. Kept exact as posts come and go: a removal clears its bit unless another post of the memo
    // shares it (a scan of the memo's own handles, no slot read).
    private const int MarkBits = 1024;
    private readonly ulong[] _mark = new ulong[MarkBits / 64];
    private MemoPost[] _items = [];
    private ScoringModel? _model;
    private MatchOptions? _options;
    // The posts the last fill asked for: the memo never holds more (an insert beyond drops the last post, which raises the
    // bottom), so its searches, inserts and removals stay within count + Reserve(count) however many posts come in.
    private int _capacity;
    // No posts outside the memo are eligible (the scan found fewer than it asked).
    private bool _complete;
    private double _bottomScore;
    private string _bottomId = "";

    // A memo post: its score, slot and the slot's handle (copied, so the mark's upkeep does not read the slot).
    private struct MemoPost
    {
        public double Score;
        public RecordSlot Slot;
        public int Handle;
    }

    public MatchSeeker Seeker { get; } = seeker;

    /// <summary>The log position the memo is current to; −1 before its first fill.</summary>
    public long Seq { get; set; } = -1;

    public int Count { get; private set; }

    public (double Score, RecordSlot Slot) this[int i] => (_items[i].Score, _items[i].Slot);

    /// <summary>The score below which a post cannot enter (−∞ when the memo held every eligible post).</summary>
    public double Below => _complete ? double.NegativeInfinity : _bottomScore;

    /// <summary>True when the memo was filled under this model and these settings, and the log still holds its changes.</summary>
    public bool Matches(ScoringModel model, MatchOptions options, long oldestLogged) =>
        Seq >= 0 && Seq >= oldestLogged && ReferenceEquals(model, _model) && _options is { } o
        && o.AsOf == options.AsOf && o.MaxKm.Equals(options.MaxKm) && Nullable.Equals(o.UrbanMaxKm, options.UrbanMaxKm)
        && o.PriorityGroups == options.PriorityGroups && o.OtherKeyGroupPriority.Equals(options.OtherKeyGroupPriority);

    /// <summary>True when the memo answers a query for <paramref name="count"/> posts.</summary>
    public bool Covers(int count) => _complete || Count >= count;

    public void Fill(ReadOnlySpan<Candidate> found, int asked, ScoringModel model, MatchOptions options, long seq)
    {
        if (_items.Length <= Math.Max(found.Length, asked))
        {
            // One more than asked: an insert into a full memo takes the place before its last post is dropped.
            _items = new MemoPost[Math.Max(found.Length, asked) + 1];
        }
        Array.Clear(_mark);
        for (var i = 0; i < found.Length; i++)
        {
            var slot = ((PostSegment)found[i].Segment).Slots[found[i].Slot];
            _items[i] = new MemoPost { Score = found[i].Score, Slot = slot, Handle = slot.Handle };
            SetMark(slot.Handle);
        }
        Count = found.Length;
        Array.Clear(_items, Count, _items.Length - Count);
        _complete = found.Length < asked;
        if (!_complete)
        {
            _bottomScore = found[^1].Score;
            _bottomId = found[^1].Id;
        }
        _model = model;
        _options = options;
        _capacity = asked;
        Seq = seq;
    }

    /// <summary>False when the post of <paramref name="handle"/> is certainly not in the memo (its mark bit is clear).</summary>
    public bool MayHold(int handle)
    {
        var bit = Bit(handle);
        return (_mark[bit >> 6] & (1UL << bit)) != 0;
    }

    public void Remove(RecordSlot slot)
    {
        for (var i = 0; i < Count; i++)
        {
            if (ReferenceEquals(_items[i].Slot, slot))
            {
                var bit = Bit(_items[i].Handle);
                Array.Copy(_items, i + 1, _items, i, Count - i - 1);
                Count--;
                _items[Count] = default;
                if (!AnyAt(bit))
                {
                    _mark[bit >> 6] &= ~(1UL << bit);
                }
                return;
            }
        }
    }

    /// <summary>True when the mark is set for exactly the memo's posts (for tests).</summary>
    internal bool MarkExact()
    {
        var expected = new ulong[MarkBits / 64];
        for (var i = 0; i < Count; i++)
        {
            var bit = Bit(_items[i].Slot.Handle);
            expected[bit >> 6] |= 1UL << bit;
        }
        return expected.AsSpan().SequenceEqual(_mark);
    }

    // The mark bit of a handle (Fibonacci hashing: consecutive handles spread over the bits).
    private static int Bit(int handle) => (int)(((uint)handle * 0x9E3779B9u) >> 22);

    private void SetMark(int handle)
    {
        var bit = Bit(handle);
        _mark[bit >> 6] |= 1UL << bit;
    }

    // True when a post of the memo has this mark bit.
    private bool AnyAt(int bit)
    {
        for (var i = 0; i < Count; i++)
        {
            if (Bit(_items[i].Handle) == bit)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when a post scoring <paramref name="score"/> ranks at or above the bottom (the engine's order: score
    /// descending, then id ordinal).</summary>
    public bool Admits(double score, string id) =>
        _complete || score > _bottomScore || (score == _bottomScore && string.CompareOrdinal(id, _bottomId) <= 0);

    public void Insert(double score, RecordSlot slot)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, Math.Max(8, _items.Length * 2));
        }
        // Its place: after every post that ranks before it (the memo is in the engine's order), found by halving; the posts
        // after it move up in one copy.
        var id = slot.Id;
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Before(score, id, in _items[mid]))
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }
        Array.Copy(_items, lo, _items, lo + 1, Count - lo);
        _items[lo] = new MemoPost { Score = score, Slot = slot, Handle = slot.Handle };
        Count++;
        SetMark(slot.Handle);
        if (Count > Math.Max(1, _capacity))
        {
            DropLast();
        }
    }

    // Drops the memo's last post and makes the new last post the bottom. Exact: the dropped post ranks below every post the
    // memo keeps, and every post outside it ranked below the dropped one (or below the old bottom, which is lower still), so
    // the memo still holds exactly the index's best posts down to its bottom; it no longer holds every eligible post.
    private void DropLast()
    {
        Count--;
        var bit = Bit(_items[Count].Handle);
        _items[Count] = default;
        if (!AnyAt(bit))
        {
            _mark[bit >> 6] &= ~(1UL << bit);
        }
        _complete = false;
        _bottomScore = _items[Count - 1].Score;
        _bottomId = _items[Count - 1].Slot.Id;
    }

    private static bool Before(double score, string id, in MemoPost other) =>
        score > other.Score || (score == other.Score && string.CompareOrdinal(id, other.Slot.Id) < 0);
}
