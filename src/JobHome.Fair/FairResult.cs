using JobHome.Fair.Csv;
using JobHome.Matching.Assignment;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Fair;

/// <summary>Everything a finished <c>fair match</c> writes out.</summary>
/// <param name="Seekers">Valid seekers, in file order (graph seeker indexes refer to them).</param>
/// <param name="Posts">Valid posts, in file order (graph post indexes refer to them).</param>
/// <param name="Graph">The candidate graph the solver used.</param>
/// <param name="EdgeOfSeeker">The chosen edge per seeker, -1 for none.</param>
/// <param name="Recommendations">Top posts per seeker, when asked for.</param>
/// <param name="Issues">Problems of rejected rows.</param>
internal sealed record FairResult(
    IReadOnlyList<MatchSeeker> Seekers,
    IReadOnlyList<MatchPost> Posts,
    CandidateGraph Graph,
    int[] EdgeOfSeeker,
    IReadOnlyList<IReadOnlyList<Recommendation>>? Recommendations,
    IReadOnlyList<CsvIssue> Issues);
