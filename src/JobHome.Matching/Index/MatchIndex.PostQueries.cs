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
/// keeps) it is filled again by a scan.
/// </summary>
public sealed partial class MatchIndex
{
    // Post changes kept for the memos; a memo older than this many changes is filled again by a scan.
    private const int LogCapacity = 4096;

    private readonly RecordSlot[] _postLog = new RecordSlot[LogCapacity];
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

    /// <summary>Number of kept post queries.</summary>
    public int KeptPostQueries => Volatile.Read(ref _keptCount);

    private void LogPost(RecordSlot slot)
    {
        _postLog[_postLogEnd % LogCapacity] = slot;
        _postLogEnd++;
    }

    // The kept query's answer, or null when the seeker object is not kept (a plain scan answers).
    private Recommendation[]? TopPostsKept(MatchSeeker seeker, int count, MatchOptions options, ScoringModel model)
    {
        lock (_writeLock)
        {
            if (!_kept.TryGetValue(seeker.Id, out var memo) || !ReferenceEquals(memo.Seeker, seeker))
            {
                return null;
            }
            var query = new SeekerFeatures(seeker, Skills, addSkills: false);
            long walked = 0;
            long scored = 0;
            var refilled = !memo.Matches(model, options, _postLogEnd - LogCapacity);
            if (!refilled)
            {
                Walk(memo, in query, model, options, ref walked, ref scored);
                refilled = !memo.Covers(count);
            }
            if (refilled)
            {
                var fill = count + Reserve(count);
                memo.Fill(_posts.Candidates(in query, fill, model, options), fill, model, options, _postLogEnd);
            }
            IndexCounters.CountMemo(refilled, walked, scored);
            KeptAnswers = refilled ? (KeptAnswers.Answered, KeptAnswers.Refilled + 1) : (KeptAnswers.Answered + 1, KeptAnswers.Refilled);
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
    // bottom (or anywhere, when the memo held every eligible post).
    private void Walk(PostQueryMemo memo, in SeekerFeatures query, ScoringModel model, MatchOptions options, ref long walked,
        ref long scored)
    {
        if (memo.Seq == _postLogEnd)
        {
            return;
        }
        var scorer = PostStore.QueryFor(in query, model, options);
        var below = memo.Below;
        for (var at = memo.Seq; at < _postLogEnd; at++)
        {
            var slot = _postLog[at % LogCapacity];
            walked++;
            memo.Remove(slot);
            if (PostStore.TryLocate(slot, out var segment, out var index) && scorer.TryScore(segment, index, below, out var score))
            {
                scored++;
                if (memo.Admits(score, slot.Id))
                {
                    memo.Insert(score, slot);
                }
            }
        }
        memo.Seq = _postLogEnd;
    }
}

/// <summary>A kept post query's memo (<see cref="MatchIndex.KeepPostQuery"/>): the best posts of its last scan and the changes since.</summary>
internal sealed class PostQueryMemo(MatchSeeker seeker)
{
    private (double Score, RecordSlot Slot)[] _items = [];
    private ScoringModel? _model;
    private MatchOptions? _options;
    // No posts outside the memo are eligible (the scan found fewer than it asked).
    private bool _complete;
    private double _bottomScore;
    private string _bottomId = "";

    public MatchSeeker Seeker { get; } = seeker;

    /// <summary>The log position the memo is current to; −1 before its first fill.</summary>
    public long Seq { get; set; } = -1;

    public int Count { get; private set; }

    public (double Score, RecordSlot Slot) this[int i] => _items[i];

    /// <summary>The score below which a post cannot enter (−∞ when the memo held every eligible post).</summary>
    public double Below => _complete ? double.NegativeInfinity : _bottomScore;

    /// <summary>True when the memo was filled under this model and these settings, and the log still holds its changes.</summary>
    public bool Matches(ScoringModel model, MatchOptions options, long oldestLogged) =>
        Seq >= 0 && Seq >= oldestLogged && ReferenceEquals(model, _model) && _options is { } o
        && o.AsOf == options.AsOf && o.MaxKm.Equals(options.MaxKm) && Nullable.Equals(o.UrbanMaxKm, options.UrbanMaxKm)
        && o.PriorityGroups == options.PriorityGroups && o.OtherKeyGroupPriority.Equals(options.OtherKeyGroupPriority);

    /// <summary>True when the memo answers a query for <paramref name="count"/> posts.</summary>
    public bool Covers(int count) => _complete || Count >= count;

    public void Fill(Candidate[] found, int asked, ScoringModel model, MatchOptions options, long seq)
    {
        if (_items.Length < found.Length)
        {
            _items = new (double, RecordSlot)[Math.Max(found.Length, asked)];
        }
        for (var i = 0; i < found.Length; i++)
        {
            _items[i] = (found[i].Score, ((PostSegment)found[i].Segment).Slots[found[i].Slot]);
        }
        Count = found.Length;
        _complete = found.Length < asked;
        if (!_complete)
        {
            _bottomScore = found[^1].Score;
            _bottomId = found[^1].Id;
        }
        _model = model;
        _options = options;
        Seq = seq;
    }

    public void Remove(RecordSlot slot)
    {
        for (var i = 0; i < Count; i++)
        {
            if (ReferenceEquals(_items[i].Slot, slot))
            {
                Array.Copy(_items, i + 1, _items, i, Count - i - 1);
                Count--;
                _items[Count] = default;
                return;
            }
        }
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
        var at = Count;
        while (at > 0 && Before(score, slot.Id, _items[at - 1]))
        {
            _items[at] = _items[at - 1];
            at--;
        }
        _items[at] = (score, slot);
        Count++;
    }

    private static bool Before(double score, string id, (double Score, RecordSlot Slot) other) =>
        score > other.Score || (score == other.Score && string.CompareOrdinal(id, other.Slot.Id) < 0);
}
