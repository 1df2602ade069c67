using JobHome.Matching.Assignment;
using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Fair;

/// <summary>
/// The real engine: <see cref="CandidateGraphBuilder"/>, the fair solver and <see cref="MatchIndex"/> under one scoring model.
/// </summary>
internal sealed class MatchingFairEngine(ScoringModel model) : IFairEngine
{
    /// <summary>The solve phase is shown as this many steps (the solver reports fractions of its own phases).</summary>
    public const long SolveSteps = 1000;

    private readonly ScoringModel _model = model;

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
        var rows = new IReadOnlyList<Recommendation>[seekers.Count];
        var done = 0;
        Parallel.For(0, seekers.Count, new ParallelOptions { CancellationToken = cancellationToken }, s =>
        {
            rows[s] = index.TopPostsForSeeker(seekers[s], count, options);
            var n = Interlocked.Increment(ref done);
            if (n % 1000 == 0)
            {
                progress.Report(n);
            }
        });
        progress.Report(seekers.Count);
        return rows;
    }

    private static MatchOptions Options(FairSettings settings) => new(settings.AsOf, settings.MaxKm);
}
