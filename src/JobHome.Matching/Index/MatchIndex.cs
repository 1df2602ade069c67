using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Index;

/// <summary>In-memory index of seekers and posts for real-time top-k matching.</summary>
/// <remarks>
/// Records live in structure-of-arrays segments, bucketed by 0.1° region cell and occupation major group
/// (posts) or set of intention major groups (seekers). A query visits only cells within the commute radius,
/// in order of an upper bound on the score any record of the bucket can reach, and stops once that bound falls
/// below the k-th best score; inside a bucket a per-record bound skips the haversine. Pruning never drops a
/// candidate that could enter the result, so results equal brute-force scoring (ties by id ordinal).
/// <para>Concurrency: writers (add, update, remove) take one writer lock; queries take no lock. A published
/// slot is immutable (only its dead flag flips), segments grow or compact copy-on-write, and the record count
/// is published after the record, so a query never sees a torn record. A query sees every record that was
/// live for its whole duration; a record changed during the query is seen in one complete version (old or
/// new) or, while it moves, not at all, and never twice.</para>
/// </remarks>
public sealed partial class MatchIndex
{
    private readonly Lock _writeLock = new();
    private readonly RecordTable<PostFeatures, SeekerFeatures, PostStore> _posts = new();
    private readonly RecordTable<SeekerFeatures, PostFeatures, SeekerStore> _seekers = new();
    private int _nextHandle;

    /// <summary>Creates an empty index scoring with <paramref name="model"/> (default: <see cref="ScoringModel.Default"/>).</summary>
    public MatchIndex(ScoringModel? model = null)
    {
        Model = model ?? ScoringModel.Default;
    }

    /// <summary>The scoring model used by queries.</summary>
    public ScoringModel Model { get; }

    /// <summary>The skill vocabulary behind the bitsets.</summary>
    internal SkillVocabulary Skills { get; } = new();

    /// <summary>Number of indexed posts (including any with no free openings).</summary>
    public int PostCount => _posts.Count;

    /// <summary>Number of indexed seekers.</summary>
    public int SeekerCount => _seekers.Count;

    /// <summary>Adds a post or replaces the post with the same id.</summary>
    public void UpsertPost(MatchPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        var features = new PostFeatures(post, Skills);
        lock (_writeLock)
        {
            UpsertPostLocked(post.Id, in features);
        }
    }

    /// <summary>Adds or replaces many posts under one lock acquisition.</summary>
    public void UpsertPosts(IEnumerable<MatchPost> posts)
    {
        ArgumentNullException.ThrowIfNull(posts);
        lock (_writeLock)
        {
            foreach (var post in posts)
            {
                var features = new PostFeatures(post, Skills);
                UpsertPostLocked(post.Id, in features);
            }
        }
    }

    /// <summary>Removes a post; false when it is not indexed.</summary>
    public bool RemovePost(string id)
    {
        lock (_writeLock)
        {
            if (!_posts.TryGetSlot(id, out var slot))
            {
                return false;
            }
            _posts.Remove(id);
            LogRemoval(slot);
            return true;
        }
    }

    // A post change that can change a seeker's eligibility or score of it is logged for the kept queries (MatchIndex.PostQueries.cs);
    // one that only moves a count of free openings that stays above zero is not.
    private void UpsertPostLocked(string id, in PostFeatures features)
    {
        var known = _posts.TryGetSlot(id, out var slot);
        var openingsOnly = known && PostStore.SameButOpenings(slot, in features);
        var stored = _posts.Upsert(id, in features, ref _nextHandle);
        if (!openingsOnly)
        {
            LogPost(stored, in features);
        }
    }

    /// <summary>Adds a seeker or replaces the seeker with the same id.</summary>
    public void UpsertSeeker(MatchSeeker seeker)
    {
        ArgumentNullException.ThrowIfNull(seeker);
        Upsert(_seekers, seeker.Id, new SeekerFeatures(seeker, Skills));
    }

    /// <summary>Adds or replaces many seekers under one lock acquisition.</summary>
    public void UpsertSeekers(IEnumerable<MatchSeeker> seekers)
    {
        ArgumentNullException.ThrowIfNull(seekers);
        UpsertAll(_seekers, seekers, static (skills, seeker) => (seeker.Id, new SeekerFeatures(seeker, skills)));
    }

    /// <summary>Removes a seeker; false when it is not indexed.</summary>
    public bool RemoveSeeker(string id) => Remove(_seekers, id);

    /// <summary>
    /// The <paramref name="count"/> best eligible posts for a seeker, best first, ties by post id ordinal; scored with
    /// <paramref name="model"/> when given (the live lists swap models without rebuilding), else <see cref="Model"/>.
    /// </summary>
    /// <remarks>A query kept by <see cref="KeepPostQuery"/> (the same <paramref name="seeker"/> object) is answered from its memo:
    /// the same result.</remarks>
    public IReadOnlyList<Recommendation> TopPostsForSeeker(MatchSeeker seeker, int count, MatchOptions options, ScoringModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(seeker);
        if (IsEmptyQuery(count, options))
        {
            return [];
        }
        if (Volatile.Read(ref _keptCount) > 0 && TopPostsKept(seeker, count, options, model ?? Model) is { } kept)
        {
            return kept;
        }
        return _posts.Top(new SeekerFeatures(seeker, Skills, addSkills: false), count, model ?? Model, options);
    }

    /// <summary>
    /// The ids and scores of <see cref="TopPostsForSeeker"/> with <see cref="MatchOptions.TopFactors"/> 0 (the same posts,
    /// scores and order), written to <paramref name="ranked"/> (cleared first) instead of a recommendation per post: a
    /// caller that explains only some of them (<see cref="ExplainPostFactors"/>) allocates nothing per candidate.
    /// </summary>
    public void RankPostsForSeeker(MatchSeeker seeker, int count, MatchOptions options, ScoringModel? model, List<ScoredRecord> ranked)
    {
        ArgumentNullException.ThrowIfNull(seeker);
        ArgumentNullException.ThrowIfNull(ranked);
        ranked.Clear();
        if (IsEmptyQuery(count, options))
        {
            return;
        }
        if (Volatile.Read(ref _keptCount) > 0 && TopPostsKept(seeker, count, options, model ?? Model, ranked) is not null)
        {
            return;
        }
        foreach (var candidate in _posts.Candidates(new SeekerFeatures(seeker, Skills, addSkills: false), count, model ?? Model, options))
        {
            ranked.Add(new ScoredRecord(candidate.Id, candidate.Score));
        }
    }

    /// <summary>
    /// The factor values of the posts <paramref name="postIds"/> (ranked for <paramref name="seeker"/> in this turn, still
    /// indexed) into <paramref name="factors"/>: the values <see cref="ExplainPosts"/> explains (its factors are these, ordered
    /// by <see cref="Scorer.Order"/>), for a caller that makes its own views of them.
    /// </summary>
    public void ExplainPostFactors(MatchSeeker seeker, ReadOnlySpan<string> postIds, MatchOptions options, Span<FactorVector> factors)
    {
        ArgumentNullException.ThrowIfNull(seeker);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(factors.Length, postIds.Length, nameof(factors));
        var query = new SeekerFeatures(seeker, Skills, addSkills: false);
        lock (_writeLock)
        {
            for (var i = 0; i < postIds.Length; i++)
            {
                factors[i] = _posts.FactorsOf(postIds[i], in query, options);
            }
        }
    }

    /// <summary>
    /// The posts of <paramref name="ranked"/> (from <see cref="TopPostsForSeeker"/> for the same seeker with
    /// <see cref="MatchOptions.TopFactors"/> 0, in this turn) explained as <see cref="TopPostsForSeeker"/> explains them
    /// under <paramref name="options"/>: same ids, scores and order, and the same factors. Ranking many candidates
    /// unexplained and explaining only the few kept costs the words of the kept ones only.
    /// </summary>
    public Recommendation[] ExplainPosts(MatchSeeker seeker, IReadOnlyList<Recommendation> ranked, MatchOptions options,
        ScoringModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(seeker);
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var query = new SeekerFeatures(seeker, Skills, addSkills: false);
        var result = new Recommendation[ranked.Count];
        lock (_writeLock)
        {
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = _posts.Explain(ranked[i], in query, model ?? Model, options);
            }
        }
        return result;
    }

    /// <summary>
    /// The <paramref name="count"/> best eligible seekers for a post, best first, ties by seeker id ordinal; scored with
    /// <paramref name="model"/> when given, else <see cref="Model"/>.
    /// </summary>
    public IReadOnlyList<Recommendation> TopSeekersForPost(MatchPost post, int count, MatchOptions options, ScoringModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(post);
        return IsEmptyQuery(count, options)
            ? []
            : _seekers.Top(new PostFeatures(post, Skills, addSkills: false), count, model ?? Model, options);
    }

    /// <summary>Checks a query's arguments; true when it asks for nothing.</summary>
    private static bool IsEmptyQuery(int count, MatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        options.Validate();
        return count == 0;
    }

    // Features are encoded before the lock is taken, so that one upsert holds it only for the store update.
    private void Upsert<TFeatures>(IRecordTable<TFeatures> table, string id, in TFeatures features)
        where TFeatures : struct
    {
        lock (_writeLock)
        {
            table.Upsert(id, in features, ref _nextHandle);
        }
    }

    private void UpsertAll<TRecord, TFeatures>(
        IRecordTable<TFeatures> table, IEnumerable<TRecord> records, Func<SkillVocabulary, TRecord, (string Id, TFeatures Features)> encode)
        where TFeatures : struct
    {
        lock (_writeLock)
        {
            foreach (var record in records)
            {
                var (id, features) = encode(Skills, record);
                table.Upsert(id, in features, ref _nextHandle);
            }
        }
    }

    private bool Remove<TFeatures>(IRecordTable<TFeatures> table, string id)
        where TFeatures : struct
    {
        lock (_writeLock)
        {
            return table.Remove(id);
        }
    }
}
