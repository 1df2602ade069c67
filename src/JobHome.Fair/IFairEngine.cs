using JobHome.Matching.Assignment;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Fair;

/// <summary>The matching work behind <c>fair match</c>: candidate graph, assignment, recommendations.</summary>
internal interface IFairEngine
{
    /// <summary>Builds the candidate graph; edge post indexes refer to <paramref name="posts"/>.</summary>
    CandidateGraph BuildGraph(
        IReadOnlyList<MatchSeeker> seekers,
        IReadOnlyList<MatchPost> posts,
        FairSettings settings,
        IProgress<long> progress,
        CancellationToken cancellationToken);

    /// <summary>Assigns seekers to posts over <paramref name="graph"/>; the result carries the solver's totals.</summary>
    FairAssignment Solve(CandidateGraph graph, FairSettings settings, IProgress<long> progress, CancellationToken cancellationToken);

    /// <summary>Top <paramref name="count"/> posts for every seeker, in seeker order.</summary>
    IReadOnlyList<IReadOnlyList<Recommendation>> Recommend(
        IReadOnlyList<MatchSeeker> seekers,
        IReadOnlyList<MatchPost> posts,
        FairSettings settings,
        int count,
        IProgress<long> progress,
        CancellationToken cancellationToken);
}
