using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Matching.Ranking;
using JobHome.Matching.Scoring;

namespace JobHome.Grains.Matching;

/// <summary>
/// A partition's <see cref="MatchIndex"/> under the silo's current model (<see cref="ModelCatalog"/>): the linear stage
/// scores every query (exact top-k), and with a re-ranker a seeker's list is the linear top
/// <see cref="TwoStageRanking.DefaultDepth"/> re-ordered by the trees. Not thread-safe for writes (the grain's turns are).
/// </summary>
/// <param name="models">The silo's model.</param>
internal sealed class RankingIndex(ModelCatalog models)
{
    private readonly MatchIndex _index = new();
    // The re-ranker reads a candidate's full record; the index keeps only encoded features.
    private readonly Dictionary<string, MatchPost> _posts = new(StringComparer.Ordinal);
    private TwoStageModel _model = TwoStageModel.Default;
    private long _generation;

    /// <summary>The model the last <see cref="AdoptCurrentModel"/> took.</summary>
    public TwoStageModel Model => _model;

    /// <summary>Number of indexed posts.</summary>
    public int PostCount => _index.PostCount;

    /// <summary>Number of indexed seekers.</summary>
    public int SeekerCount => _index.SeekerCount;

    /// <summary>Takes the silo's current model; true when it differs from the one used so far (lists must be recomputed).</summary>
    public bool AdoptCurrentModel()
    {
        var generation = models.Generation;
        if (generation == _generation)
        {
            return false;
        }
        _generation = generation;
        var model = models.Current;
        var changed = !ReferenceEquals(model, _model);
        _model = model;
        return changed;
    }

    /// <summary>Adds or replaces a seeker.</summary>
    public void UpsertSeeker(MatchSeeker seeker) => _index.UpsertSeeker(seeker);

    /// <summary>Adds or replaces many seekers.</summary>
    public void UpsertSeekers(IEnumerable<MatchSeeker> seekers) => _index.UpsertSeekers(seekers);

    /// <summary>Removes a seeker; false when it is not indexed.</summary>
    public bool RemoveSeeker(string id) => _index.RemoveSeeker(id);

    /// <summary>Adds or replaces posts.</summary>
    public void UpsertPosts(IEnumerable<MatchPost> posts)
    {
        var list = posts.ToList();
        foreach (var post in list)
        {
            _posts[post.Id] = post;
        }
        _index.UpsertPosts(list);
    }

    /// <summary>Removes a post; false when it is not indexed.</summary>
    public bool RemovePost(string id)
    {
        _posts.Remove(id);
        return _index.RemovePost(id);
    }

    /// <summary>
    /// The seeker's best <paramref name="count"/> posts: linear order, or with a re-ranker the linear top
    /// <see cref="TwoStageRanking.DefaultDepth"/> re-ordered by the trees (each carries <see cref="Recommendation.Reranked"/>).
    /// </summary>
    public IReadOnlyList<Recommendation> TopPostsForSeeker(MatchSeeker seeker, int count, MatchOptions options)
    {
        var model = _model;
        if (model.Reranker is not { } trees)
        {
            return _index.TopPostsForSeeker(seeker, count, options, model.Linear);
        }
        var linear = _index.TopPostsForSeeker(seeker, Math.Max(count, TwoStageRanking.DefaultDepth), options, model.Linear);
        return TwoStageRanking.Rerank(trees, seeker, linear, id => _posts[id], count, options);
    }

    /// <summary>The post's best <paramref name="count"/> seekers by the linear stage.</summary>
    public IReadOnlyList<Recommendation> TopSeekersForPost(MatchPost post, int count, MatchOptions options) =>
        _index.TopSeekersForPost(post, count, options, _model.Linear);
}
