using JobHome.Cli.Console;
using JobHome.Matching.Assignment;
using JobHome.Matching.Model;

namespace JobHome.Cli.Fair;

/// <summary>The matching work behind <c>fair match</c>: candidate graph, assignment, recommendations.</summary>
internal interface IFairEngine
{
    /// <summary>Builds the candidate graph; edge post indexes refer to <paramref name="posts"/>.</summary>
    CandidateGraph BuildGraph(IReadOnlyList<MatchSeeker> seekers, IReadOnlyList<MatchPost> posts, FairSettings settings, IProgressPhase progress, CancellationToken ct);

    /// <summary>Assigns seekers to posts over <paramref name="graph"/>.</summary>
    FairSolution Solve(CandidateGraph graph, FairSettings settings, IProgressPhase progress, CancellationToken ct);

    /// <summary>Top <paramref name="k"/> posts for every seeker, in seeker order.</summary>
    IReadOnlyList<IReadOnlyList<RecommendationRow>> Recommend(IReadOnlyList<MatchSeeker> seekers, IReadOnlyList<MatchPost> posts, FairSettings settings, int k, IProgressPhase progress, CancellationToken ct);
}
