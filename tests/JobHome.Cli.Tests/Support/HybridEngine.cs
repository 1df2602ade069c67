using JobHome.Cli.Fair;
using JobHome.Matching.Assignment;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Cli.Tests.Support;

/// <summary>The real graph builder and recommender with the fake greedy solver: tests the adapter apart from the solver.</summary>
internal sealed class HybridEngine(IFairEngine real) : IFairEngine
{
    private readonly IFairEngine _real = real;
    private readonly FakeFairEngine _fake = new();

    public static IFairEngine Create(string? modelJson) => new HybridEngine(MatchingFairEngine.Create(modelJson));

    public CandidateGraph BuildGraph(IReadOnlyList<MatchSeeker> seekers, IReadOnlyList<MatchPost> posts, FairSettings settings,
        IProgress<long> progress, CancellationToken cancellationToken) =>
        _real.BuildGraph(seekers, posts, settings, progress, cancellationToken);

    public FairAssignment Solve(CandidateGraph graph, FairSettings settings, IProgress<long> progress,
        CancellationToken cancellationToken) =>
        _fake.Solve(graph, settings, progress, cancellationToken);

    public IReadOnlyList<IReadOnlyList<Recommendation>> Recommend(IReadOnlyList<MatchSeeker> seekers, IReadOnlyList<MatchPost> posts,
        FairSettings settings, int count, IProgress<long> progress, CancellationToken cancellationToken) =>
        _real.Recommend(seekers, posts, settings, count, progress, cancellationToken);
}
