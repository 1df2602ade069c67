using JobHome.Matching.Assignment;
using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Matching.Ranking;
using JobHome.Matching.Scoring;

namespace JobHome.Fair;

/// <summary>
/// The real engine: <see cref="CandidateGraphBuilder"/>, the fair solver and <see cref="MatchIndex"/> under one scoring model.
/// With a re-ranker (<paramref name="reranker"/>, from a model.zip), recommendations are the linear stage's exact top
/// <see cref="TwoStageRanking.DefaultDepth"/> re-ordered by the trees; the graph and the assignment always use the linear stage.
/// </summary>
internal sealed class MatchingFairEngine(ScoringModel model, TreeEnsemble? reranker = null) : IFairEngine, IRerankingFairEngine
{
    /// <summary>The solve phase is shown as this many steps (the solver reports fractions of its own phases).</summary>
    public const long SolveSteps = 1000;

    private readonly ScoringModel _model = model;
    private readonly TreeEnsemble? _reranker = reranker;

    /// <inheritdoc />
    public IFairEngine WithReranker(TreeEnsemble reranker) => new MatchingFairEngine(_model, reranker);

    /// <summary>
    /// Creates the engine from a model's JSON (null = <see cref="ScoringModel.Default"/>); throws
    /// <see cref="FormatException"/> for a bad model.
    /// </summary>
    public static IFairEngine Create(string? modelJson) =>
        new MatchingFairEngine(modelJson is null ? ScoringModel.Default : ScoringModel.FromJson(modelJson));

    /// <inheritdoc />
    public CandidateGraph BuildGraph(
        IReadOnlyList<MatchSeeker> seekers,
        IReadOnlyList<MatchPost> posts,
        FairSettings settings,
        IProgress<long> progress,
        CancellationToken cancellationToken) =>
        CandidateGraphBuilder.Build(
            seekers, posts, Options(settings), _model, settings.Top, new SyncProgress<int>(n => progress.Report(n)), cancellationToken);

    /// <inheritdoc />
    public FairAssignment Solve(CandidateGraph graph, FairSettings settings, IProgress<long> progress, CancellationToken cancellationToken)
    {
        var report = new SyncProgress<SolveProgress>(p => progress.Report(p.Total > 0 ? p.Done * SolveSteps / p.Total : 0));
        return FairSolver.Solve(graph, settings.Objective, settings.Mode, report, cancellationToken);
    }

    /// <inheritdoc />
    public IReadOnlyList<IReadOnlyList<Recommendation>> Recommend(
        IReadOnlyList<MatchSeeker> seekers,
        IReadOnlyList<MatchPost> posts,
        FairSettings settings,
        int count,
        IProgress<long> progress,
        CancellationToken cancellationToken)
    {
        var index = new MatchIndex(_model);
        index.UpsertPosts(posts);
        var options = Options(settings);
        var postOf = _reranker is null ? null : PostsById(posts);
        var rows = new IReadOnlyList<Recommendation>[seekers.Count];
        var done = 0;
        Parallel.For(0, seekers.Count, new ParallelOptions { CancellationToken = cancellationToken }, s =>
        {
            rows[s] = postOf is null
                ? index.TopPostsForSeeker(seekers[s], count, options)
                : TwoStageRanking.Rerank(_reranker!, seekers[s],
                    index.TopPostsForSeeker(seekers[s], Math.Max(count, TwoStageRanking.DefaultDepth), options),
                    id => postOf[id], count, options, FairContext(options.AsOf));
            var n = Interlocked.Increment(ref done);
            if (n % 1000 == 0)
            {
                progress.Report(n);
            }
        });
        progress.Report(seekers.Count);
        return rows;
    }

    // The index keeps the last of duplicate ids (an upsert replaces), so the lookup does too.
    private static Dictionary<string, MatchPost> PostsById(IReadOnlyList<MatchPost> posts)
    {
        var byId = new Dictionary<string, MatchPost>(posts.Count, StringComparer.Ordinal);
        foreach (var post in posts)
        {
            byId[post.Id] = post;
        }
        return byId;
    }

    private static MatchOptions Options(FairSettings settings) => new(settings.AsOf, settings.MaxKm);

    // A fair is one day: freshness from the posts' open dates (as of the fair), no showings counted, no applications known.
    private static Func<MatchPost, RerankContext> FairContext(DateOnly asOf) =>
        post => RerankContext.For(post, asOf, firstSeen: null, popularity: null, history: null);
}
