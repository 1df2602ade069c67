using JobHome.Cli.Console;
using JobHome.Cli.Fair;
using JobHome.Matching.Assignment;
using JobHome.Matching.Model;

namespace JobHome.Cli.Tests.Support;

/// <summary>The real graph builder and recommender with the fake greedy solver: tests the adapter apart from the solver.</summary>
internal sealed class HybridEngine(IFairEngine real) : IFairEngine
{
    private readonly IFairEngine _real = real;
    private readonly FakeFairEngine _fake = new();

    public static IFairEngine Create(string? modelJson) => new HybridEngine(MatchingFairEngine.Create(modelJson));

    public CandidateGraph BuildGraph(IReadOnlyList<MatchSeeker> seekers, IReadOnlyList<MatchPost> posts, FairSettings settings, IProgressPhase progress, CancellationToken ct) =>
        _real.BuildGraph(seekers, posts, settings, progress, ct);

    public FairSolution Solve(CandidateGraph graph, FairSettings settings, IProgressPhase progress, CancellationToken ct) =>
        _fake.Solve(graph, settings, progress, ct);

    public IReadOnlyList<IReadOnlyList<RecommendationRow>> Recommend(IReadOnlyList<MatchSeeker> seekers, IReadOnlyList<MatchPost> posts, FairSettings settings, int k, IProgressPhase progress, CancellationToken ct) =>
        _real.Recommend(seekers, posts, settings, k, progress, ct);
}
