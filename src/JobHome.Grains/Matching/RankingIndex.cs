using JobHome.Matching.Congestion;
using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Matching.Ranking;
using JobHome.Matching.Scoring;

namespace JobHome.Grains.Matching;

/// <summary>
/// A partition's <see cref="MatchIndex"/> under the silo's current model and list settings (<see cref="ModelCatalog"/>):
/// the linear stage scores every query (exact top-k); with a re-ranker a seeker's plain order is the linear top
/// <see cref="TwoStageRanking.DefaultDepth"/> re-ordered by the trees; aware lists (the default) then order the plain
/// top-N by score − congestion penalty with prices from this partition's seekers and open posts (<see cref="AwarePricing"/>).
/// The trees' context (post freshness, popularity from the lists served here) is kept by <see cref="RankingPopularity"/>.
/// Writes and queries run in the grain's turns; only the price computation runs beside them, on snapshots of the records
/// taken in a turn (only when the prices are due) and an index of its own built from the posts' snapshot, so it never
/// reads the live index while a turn writes it.
/// </summary>
/// <param name="models">The silo's model and list settings.</param>
internal sealed partial class RankingIndex(ModelCatalog models)
{
    private readonly MatchIndex _index = new();
    // An aware answer's linear candidates (reused: read only within the answer).
    private readonly List<ScoredRecord> _candidates = [];
    // The re-ranker reads a candidate's full record and the prices a bounded sample of the seekers' (their lists are computed
    // in the background); the index keeps only encoded features.
    private readonly Dictionary<string, MatchPost> _posts = new(StringComparer.Ordinal);
    private readonly PricingPopulation _population = new(models.Lists.PricingSample);
    private readonly AwarePricing _pricing = new(models.PricingSlots);
    private readonly RankingPopularity _popularity = new();
    private TwoStageModel _model = TwoStageModel.Default;
    private long _generation;
    // Upserts and removals of records; the prices are a function of the records alone, so a partition whose records did
    // not change since its last computation started keeps its prices instead of computing the same ones again.
    private long _changes;
    private long _pricedChanges = -1;
    // Explanation stamps: a post's linear factors are a function of the seeker, the post's features (not its free openings),
    // the day and the linear model, so a seeker that holds an item explained at stamp h needs no new words for it while the
    // post's stamp and the model's are ≤ h. Stamps start from the clock's ticks (as the partition's version), so a stamp of an
    // earlier activation never passes for one of this one.
    private readonly long _firstStamp = Math.Max(1, DateTime.UtcNow.Ticks);
    private readonly Dictionary<string, long> _postStamps = new(StringComparer.Ordinal);
    // Indexed posts whose features changed since they were first indexed here (a correction): such a post may have been a
    // candidate of a part computed before the change, so it is not tested against the floor for new posts.
    private readonly HashSet<string> _corrected = new(StringComparer.Ordinal);
    private long _stamp;
    private long _modelStamp;
    // What a list item's factors look like (a leading congestion reason or none; the trees' reasons or linear factors): a
    // change moves the model's stamp, so an item held in one shape is never completed as the other.
    private (bool Aware, bool Reranked) _shape;

    // Only aware lists price posts from the population, so only they pay for keeping (a sample of) the seekers' records.
    private bool KeepsSeekers => models.Lists.Lists == PostListKind.Aware;

    /// <summary>Number of indexed posts.</summary>
    public int PostCount => _index.PostCount;

    /// <summary>Number of indexed seekers.</summary>
    public int SeekerCount => _index.SeekerCount;

    /// <summary>The explanation stamp now: items explained now keep their words while no post or model change moves past it.</summary>
    public long Stamp => _firstStamp + _stamp;

    /// <summary>
    /// True when an item for <paramref name="postId"/> explained at <paramref name="heldStamp"/> (in this activation, for the
    /// same seeker record and day) has the same linear factors now: neither the post's features nor the model changed since.
    /// </summary>
    public bool SameExplanation(string postId, long heldStamp) =>
        heldStamp >= _firstStamp + _modelStamp && heldStamp <= Stamp
        && _postStamps.TryGetValue(postId, out var stamp) && _firstStamp + stamp <= heldStamp;

    /// <summary>
    /// Takes the silo's current model and any newly computed prices, and starts a background price computation when the
    /// prices are stale; true when the model or the prices changed (stored lists must be recomputed).
    /// </summary>
    public bool Adopt(MatchOptions options)
    {
        var changed = false;
        var generation = models.Generation;
        if (generation != _generation)
        {
            _generation = generation;
            var model = models.Current;
            changed = !ReferenceEquals(model, _model);
            _model = model;
        }
        if (changed)
        {
            _modelStamp = ++_stamp;
        }
        var lists = models.Lists;
        if (lists.Lists == PostListKind.Aware)
        {
            changed |= _pricing.Adopt();
            var now = models.Time.GetUtcNow();
            if (_population.Count > 0 && (_changes != _pricedChanges || _pricing.LastError is not null)
                && _pricing.IsDue(now, lists.PriceInterval))
            {
                _pricedChanges = _changes;
                _pricing.RefreshIfStale(now, lists.PriceInterval, PriceComputation(options, lists), models.OnPricesUpdated);
            }
        }
        return changed;
    }

    /// <summary>Adds or replaces a seeker.</summary>
    public void UpsertSeeker(MatchSeeker seeker)
    {
        _changes++;
        if (KeepsSeekers)
        {
            _population.Upsert(seeker);
        }
        _index.UpsertSeeker(seeker);
    }

    /// <summary>Adds or replaces many seekers.</summary>
    public void UpsertSeekers(IEnumerable<MatchSeeker> seekers)
    {
        _changes++;
        var list = seekers.ToList();
        if (KeepsSeekers)
        {
            foreach (var seeker in list)
            {
                _population.Upsert(seeker);
            }
        }
        _index.UpsertSeekers(list);
    }

    /// <summary>Removes a seeker; false when it is not indexed.</summary>
    public bool RemoveSeeker(string id)
    {
        _changes++;
        _population.Remove(id);
        _popularity.RemovedSeeker(id);
        return _index.RemoveSeeker(id);
    }

    /// <summary>
    /// True when <paramref name="post"/> is indexed already and differs only in its count of free openings, with openings
    /// before and after, and no re-ranker is in use: no list can change then. The linear engine reads openings only to
    /// drop a post without any; aware lists read the counts at their next pricing, and adopting new prices changes the
    /// partition's version by itself. The re-ranker reads popularity per opening, so with one every upsert counts.
    /// </summary>
    public bool OnlyOpeningsChange(MatchPost post) =>
        _model.Reranker is null && models.Current.Reranker is null
        && _posts.TryGetValue(post.Id, out var old) && old.Openings > 0 && post.Openings > 0
        && old with { Openings = post.Openings, Skills = post.Skills } == post
        && old.Skills.SequenceEqual(post.Skills, StringComparer.Ordinal);

    // Everything the linear factors read is the same (the free openings only filter).
    private static bool SameFeatures(MatchPost old, MatchPost post) =>
        old with { Openings = post.Openings, Skills = post.Skills } == post
        && old.Skills.SequenceEqual(post.Skills, StringComparer.Ordinal);

    /// <summary>Adds or replaces posts.</summary>
    public void UpsertPosts(IEnumerable<MatchPost> posts)
    {
        _changes++;
        var list = posts.ToList();
        var today = DateOnly.FromDateTime(models.Time.GetUtcNow().UtcDateTime);
        foreach (var post in list)
        {
            var known = _posts.TryGetValue(post.Id, out var old);
            if (!known || !SameFeatures(old!, post))
            {
                _postStamps[post.Id] = ++_stamp;
                if (known)
                {
                    _corrected.Add(post.Id);
                }
            }
            _posts[post.Id] = post;
            _popularity.Indexed(post, today);
        }
        _index.UpsertPosts(list);
    }

    /// <summary>
    /// True when <paramref name="postId"/> is indexed and its features are those it was first indexed with (this activation,
    /// since its last removal): a part computed before it was indexed did not have it among its candidates, and a part
    /// computed since holds its current score, so its score below a part's <c>newFloor</c> cannot change the part.
    /// </summary>
    public bool IndexedUnchanged(string postId) => _posts.ContainsKey(postId) && !_corrected.Contains(postId);

    /// <summary>Removes a post; false when it is not indexed.</summary>
    public bool RemovePost(string id)
    {
        _changes++;
        _posts.Remove(id);
        _postStamps.Remove(id);
        _corrected.Remove(id);
        _popularity.Removed(id);
        return _index.RemovePost(id);
    }

    /// <summary>
    /// The seeker's best <paramref name="count"/> posts as list items: the model's plain order (linear, or re-ranked by the
    /// trees, with <paramref name="history"/> as the seeker's history), then, for aware lists with prices, the plain top-N
    /// ordered by score − penalty with the reason first.
    /// </summary>
    public MatchItem[] TopPostItems(MatchSeeker seeker, int count, MatchOptions options, ApplicationHistory? history = null) =>
        TopPostItems(seeker, count, options, history, out _);

    /// <summary>
    /// As <see cref="TopPostItems(MatchSeeker, int, MatchOptions, ApplicationHistory?)"/>, with the <paramref name="floor"/>:
    /// a score below which a post that is not among the items (new, or changed without being listed) cannot change them.
    /// Plain lists: the k-th score of a full list. Aware lists: the lowest kept key of a full list whose candidates were
    /// fewer than their depth. Otherwise (and with a re-ranker) <see cref="double.NegativeInfinity"/>.
    /// </summary>
    public MatchItem[] TopPostItems(MatchSeeker seeker, int count, MatchOptions options, ApplicationHistory? history, out double floor) =>
        TopPostItems(seeker, count, options, history, null, out floor, out _);

    /// <summary>
    /// As <see cref="TopPostItems(MatchSeeker, int, MatchOptions, ApplicationHistory?, out double)"/>, leaving out the linear
    /// factors of the items <paramref name="reusable"/> accepts (the seeker holds the same words; see
    /// <see cref="SameExplanation"/>): such an item carries only its leading factors (an aware list's congestion reason, or
    /// none) and is marked in <paramref name="reused"/> (null when none is, and always with a re-ranker, whose reasons are
    /// the trees').
    /// </summary>
    public MatchItem[] TopPostItems(MatchSeeker seeker, int count, MatchOptions options, ApplicationHistory? history,
        Func<string, bool>? reusable, out double floor, out bool[]? reused) =>
        TopPostItems(seeker, count, options, history, reusable, null, out floor, out _, out reused, out _);

    /// <summary>
    /// As <see cref="TopPostItems(MatchSeeker, int, MatchOptions, ApplicationHistory?, Func{string, bool}?, out double, out bool[])"/>,
    /// with <paramref name="newFloor"/>: a score below which a post that is among neither the items nor the candidates the
    /// part was ranked from (a post indexed after the query, whose features have not changed since:
    /// <see cref="IndexedUnchanged"/>) cannot change them. Plain lists: <paramref name="floor"/>. Aware lists: the lowest kept
    /// key of a full part, whether or not the candidates filled their depth (see <see cref="AwareFloor"/>). With a re-ranker
    /// <see cref="double.NegativeInfinity"/>. An aware part takes the congestion reasons of <paramref name="held"/> (the same
    /// seeker's earlier answer from here, or null) where they word the same place, and gives its own in
    /// <paramref name="reasons"/> (null for other shapes).
    /// </summary>
    public MatchItem[] TopPostItems(MatchSeeker seeker, int count, MatchOptions options, ApplicationHistory? history,
        Func<string, bool>? reusable, HeldReasons? held, out double floor, out double newFloor, out bool[]? reused,
        out HeldReasons? reasons)
    {
        reused = null;
        reasons = null;
        var model = _model;
        var lists = models.Lists;
        var prices = lists.Lists == PostListKind.Aware ? _pricing.Prices : null;
        var shape = (prices is not null, model.Reranker is not null);
        if (shape != _shape)
        {
            _shape = shape;
            _modelStamp = ++_stamp;
        }
        var depth = prices is null ? count : Math.Max(count, lists.Settings.CandidateDepth);
        IReadOnlyList<Recommendation> plain;
        if (model.Reranker is { } trees)
        {
            var linear = _index.TopPostsForSeeker(seeker, Math.Max(depth, TwoStageRanking.DefaultDepth), options, model.Linear);
            // The trees' order is not bounded by the linear scores (and every upsert counts with them): no floor.
            floor = double.NegativeInfinity;
            newFloor = floor;
            plain = Rerank(trees, seeker, linear, depth, options, history);
        }
        else if (prices is not null)
        {
            // Ranks the aware list's candidates (CandidateDepth, 50) unexplained and explains only the count it keeps: the
            // same ids, scores, order and factors as explaining all of them (MatchIndex.ExplainPosts).
            // The candidates as ids and scores in a row reused by every answer here (the grain's turns run one at a time).
            var candidates = _candidates;
            _index.RankPostsForSeeker(seeker, depth, options, model.Linear, candidates);
            var aware = candidates.Count == 0
                ? []
                : RankingItems.Aware(candidates, prices, count, lists.Settings, _index, seeker, options, model.Linear, reusable,
                    held, out reasons);
            floor = AwareFloor(aware, count, candidates.Count < depth);
            newFloor = AwareFloor(aware, count, roomInCandidates: true);
            reused = Reused(aware, reusable);
            return aware;
        }
        else if (reusable is not null)
        {
            // Ranked unexplained, then only the items the seeker does not hold are explained (the same factors).
            plain = Explain(seeker, _index.TopPostsForSeeker(seeker, depth, options with { TopFactors = 0 }, model.Linear), options,
                model.Linear, reusable);
            floor = depth > 0 && plain.Count >= depth ? plain[depth - 1].Score : double.NegativeInfinity;
            newFloor = floor;
            MatchItem[] fresh = [.. plain.Select(RankingItems.Plain)];
            reused = Reused(fresh, reusable);
            return fresh;
        }
        else
        {
            plain = _index.TopPostsForSeeker(seeker, depth, options, model.Linear);
            // Plain lists keep every candidate: a post below the k-th score cannot enter, and one that changed is listed.
            floor = depth > 0 && plain.Count >= depth ? plain[depth - 1].Score : double.NegativeInfinity;
            newFloor = floor;
        }
        MatchItem[] items = prices is null || plain.Count == 0
            ? [.. plain.Select(RankingItems.Plain)]
            : RankingItems.Aware(plain, prices, count, lists.Settings);
        if (model.Reranker is not null)
        {
            // Only the trees read popularity, so only they pay for counting it.
            _popularity.Shown(seeker.Id, items, options.AsOf);
        }
        return items;
    }

    // The trees' order of the linear candidates. A method of its own: its lambdas capture the query's options and history,
    // and a closure over parameters is allocated on entry to the method that holds it, so in TopPostItems every query
    // (the aware ones too) paid for it.
    private IReadOnlyList<Recommendation> Rerank(TreeEnsemble trees, MatchSeeker seeker, IReadOnlyList<Recommendation> linear,
        int depth, MatchOptions options, ApplicationHistory? history) =>
        TwoStageRanking.Rerank(trees, seeker, linear, id => _posts[id], depth, options,
            post => _popularity.Context(post, options.AsOf, history));

    // The recommendations of ranked explained, except those whose words the seeker holds (left unexplained).
    private IReadOnlyList<Recommendation> Explain(MatchSeeker seeker, IReadOnlyList<Recommendation> ranked, MatchOptions options,
        ScoringModel linear, Func<string, bool>? reusable)
    {
        if (reusable is null)
        {
            return _index.ExplainPosts(seeker, ranked, options, linear);
        }
        var result = ranked.ToArray();
        var fresh = new List<Recommendation>(result.Length);
        var at = new List<int>(result.Length);
        for (var i = 0; i < result.Length; i++)
        {
            if (!reusable(result[i].Id))
            {
                fresh.Add(result[i]);
                at.Add(i);
            }
        }
        if (fresh.Count > 0)
        {
            var explained = _index.ExplainPosts(seeker, fresh, options, linear);
            for (var j = 0; j < explained.Length; j++)
            {
                result[at[j]] = explained[j];
            }
        }
        return result;
    }

    private static bool[]? Reused(MatchItem[] items, Func<string, bool>? reusable)
    {
        if (reusable is null)
        {
            return null;
        }
        var reused = new bool[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            reused[i] = reusable(items[i].Id);
        }
        return reused;
    }

    // An aware list picks its items from the linear candidates by score − penalty (penalty ≥ 0), ties in the plain order. When
    // the candidates were fewer than the depth, a post not among them joins without pushing one out, and its key is at most
    // its score: below the lowest kept key it cannot enter a full list. With a full candidate set a changed candidate could
    // leave room for the next, which may enter the list: no floor then (roomInCandidates false). A post that was no
    // candidate (a new one) scoring below the lowest kept key m may still join a full candidate set, pushing out the
    // depth-th; but that one scores at most the new post's score < m, so its key is below m too and it was not kept; every
    // kept item scores at least its key ≥ m, so it stays ahead of the new post in the plain order (its plain rank, hence its
    // congestion reason, is unchanged), and the new post's key (≤ its score) cannot reach m: the part is the same, words
    // included. That is the new posts' floor (roomInCandidates true).
    private static double AwareFloor(MatchItem[] items, int count, bool roomInCandidates)
    {
        if (!roomInCandidates || count <= 0 || items.Length < count)
        {
            return double.NegativeInfinity;
        }
        var floor = double.PositiveInfinity;
        foreach (var item in items)
        {
            floor = Math.Min(floor, item.Rank);
        }
        return floor;
    }

    /// <summary>The post's best <paramref name="count"/> seekers by the linear stage.</summary>
    public MatchItem[] TopSeekerItems(MatchPost post, int count, MatchOptions options) =>
        [.. _index.TopSeekersForPost(post, count, options, _model.Linear).Select(MatchItem.From)];

    // Snapshots taken in the grain's turn; the background builds its own index of the posts (the live one is written by
    // later turns). The lists are computed with the linear stage, as the simulation that chose the penalty did.
    private Func<PostPrices> PriceComputation(MatchOptions options, AwareListOptions lists)
    {
        var people = _population.Snapshot();
        var weight = _population.Weight(_index.SeekerCount);
        var posts = _posts.Values.ToArray();
        var free = new Dictionary<string, int>(posts.Length, StringComparer.Ordinal);
        foreach (var post in posts)
        {
            free[post.Id] = post.Openings;
        }
        var linear = _model.Linear;
        return () =>
        {
            var index = new MatchIndex();
            foreach (var post in posts)
            {
                index.UpsertPost(post);
            }
            // Prices read scores and order only: the candidates go unexplained (explanations were half the computation).
            var unexplained = options with { TopFactors = 0 };
            return PostPrices.Estimate(
                people.Select(person => index.TopPostsForSeeker(person, lists.Settings.CandidateDepth, unexplained, linear)),
                free, lists.ListLength, lists.Settings, weight);
        };
    }
}
