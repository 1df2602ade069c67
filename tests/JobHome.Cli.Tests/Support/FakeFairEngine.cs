using JobHome.Cli.Fair;
using JobHome.Matching.Assignment;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Cli.Tests.Support;

/// <summary>
/// A transparent engine for CLI tests: every pair within --max-km is a candidate, scored by shared occupation
/// depth (0.25 per level); the solver is greedy by score. Lets the CLI be tested apart from the real matcher.
/// </summary>
internal sealed class FakeFairEngine : IFairEngine
{
    public static IFairEngine Create(string? modelJson) =>
        modelJson is null || modelJson.Contains("\"fake\"", StringComparison.Ordinal) ? new FakeFairEngine()
            : throw new FormatException("not a fake model");

    public CandidateGraph BuildGraph(IReadOnlyList<MatchSeeker> seekers, IReadOnlyList<MatchPost> posts, FairSettings settings,
        IProgress<long> progress, CancellationToken cancellationToken)
    {
        var start = new List<int> { 0 };
        var post = new List<int>();
        var score = new List<int>();
        for (var s = 0; s < seekers.Count; s++)
        {
            for (var p = 0; p < posts.Count; p++)
            {
                if (seekers[s].Location.DistanceKm(posts[p].Location) <= settings.MaxKm)
                {
                    var depth = seekers[s].Occupations.Count == 0 ? 0 : seekers[s].Occupations.Max(o => o.SharedDepth(posts[p].Occupation));
                    post.Add(p);
                    score.Add(CandidateGraph.ToMicro((depth * 0.25) + 0.000001 * (p + 1)));
                }
            }
            start.Add(post.Count);
            progress.Report(s + 1);
        }
        return new CandidateGraph(seekers.Count, posts.Select(p => p.Openings).ToArray(), start.ToArray(), post.ToArray(), score.ToArray());
    }

    public FairAssignment Solve(CandidateGraph graph, FairSettings settings, IProgress<long> progress, CancellationToken cancellationToken)
    {
        var left = graph.Capacity.ToArray();
        var result = Enumerable.Repeat(-1, graph.SeekerCount).ToArray();
        long total = 0;
        var placed = 0;
        var edges = Enumerable.Range(0, graph.SeekerCount)
            .SelectMany(s => Enumerable.Range(graph.EdgeStart[s], graph.EdgeStart[s + 1] - graph.EdgeStart[s]).Select(e => (s, e)))
            .OrderByDescending(x => graph.EdgeScore[x.e]);
        foreach (var (s, e) in edges)
        {
            var p = graph.EdgePost[e];
            if (result[s] < 0 && left[p] > 0)
            {
                result[s] = p;
                left[p]--;
                total += graph.EdgeScore[e];
                placed++;
            }
        }
        return new FairAssignment(result, total, placed);
    }

    public IReadOnlyList<IReadOnlyList<Recommendation>> Recommend(IReadOnlyList<MatchSeeker> seekers, IReadOnlyList<MatchPost> posts,
        FairSettings settings, int count, IProgress<long> progress, CancellationToken cancellationToken) =>
        seekers.Select(s => (IReadOnlyList<Recommendation>)posts.Take(count)
            .Select(p => new Recommendation(
                p.Id, 0.5, [new FactorContribution(Factor.Occupation, 0.5, 0.5, 1.0)]))
            .ToList()).ToList();
}
