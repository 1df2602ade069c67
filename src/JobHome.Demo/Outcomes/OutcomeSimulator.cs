using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Demo.Outcomes;

/// <summary>
/// Simulates six months of recommendations in one county: a share of seekers is shown its top-20 posts under the default
/// weights on a day of the half-year before <see cref="DemoGenerator.ReferenceDate"/>, applies and is hired by
/// <see cref="OutcomeBehaviour"/>. Deterministic for a seed; pure (no I/O, no clock).
/// </summary>
public static class OutcomeSimulator
{
    /// <summary>Posts shown per seeker.</summary>
    public const int ListLength = 20;

    /// <summary>Share of seekers shown a list in the half-year. Default: 0.4.</summary>
    public const double ActiveShare = 0.4;

    /// <summary>Days of the simulated period, ending the day before <see cref="DemoGenerator.ReferenceDate"/>.</summary>
    public const int Days = 182;

    /// <summary>The outcomes of one county, ordered by date, then seeker, then rank.</summary>
    public static IReadOnlyList<DemoOutcome> Simulate(IReadOnlyList<MatchSeeker> seekers, IReadOnlyList<MatchPost> posts, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(seekers);
        ArgumentNullException.ThrowIfNull(posts);
        var rng = new DemoRandom(seed);
        var options = new MatchOptions(DemoGenerator.ReferenceDate);
        var index = new MatchIndex(ScoringModel.Default);
        index.UpsertPosts(posts);
        var postById = posts.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var start = DemoGenerator.ReferenceDate.AddDays(-Days);
        var shown = new List<(MatchSeeker Seeker, MatchPost Post, FactorVector Factors, DateOnly Date, int Rank, bool Applied)>();
        foreach (var seeker in seekers)
        {
            var active = rng.NextDouble() < ActiveShare;
            var date = start.AddDays(rng.Next(Days));
            var keenness = rng.NextDouble() - 0.5;
            if (!active)
            {
                continue;
            }
            var list = index.TopPostsForSeeker(seeker, ListLength, options);
            var limit = options.LimitKm(seeker.Rural);
            for (var r = 0; r < list.Count; r++)
            {
                var post = postById[list[r].Id];
                var factors = Scorer.Factors(seeker, post, options);
                var km = seeker.Location.DistanceKm(post.Location);
                var applied = rng.NextDouble() < OutcomeBehaviour.ApplyProbability(factors, seeker, post, km, limit, r + 1, keenness);
                shown.Add((seeker, post, factors, date, r + 1, applied));
            }
        }
        var placed = new HashSet<int>();
        var hiredSeekers = new HashSet<string>(StringComparer.Ordinal);
        var byPost = Enumerable.Range(0, shown.Count).Where(i => shown[i].Applied).GroupBy(i => shown[i].Post.Id, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in byPost)
        {
            var applicants = group.Select(i => (Index: i, Preference: OutcomeBehaviour.EmployerPreference(shown[i].Factors, shown[i].Seeker,
                shown[i].Post) + rng.NextDouble())).OrderByDescending(a => a.Preference).ThenBy(a => a.Index).ToList();
            var openings = shown[group.First()].Post.Openings;
            foreach (var (i, _) in applicants)
            {
                if (openings == 0)
                {
                    break;
                }
                // A seeker takes one job: the first employer (in post-id order) to hire them.
                if (!hiredSeekers.Contains(shown[i].Seeker.Id) && rng.NextDouble() < OutcomeBehaviour.HireProbability(shown[i].Factors))
                {
                    placed.Add(i);
                    hiredSeekers.Add(shown[i].Seeker.Id);
                    openings--;
                }
            }
        }
        return [.. Enumerable.Range(0, shown.Count)
            .Select(i => new DemoOutcome(
                shown[i].Seeker.Id, shown[i].Post.Id, shown[i].Date, shown[i].Rank, shown[i].Applied, placed.Contains(i)))
            .OrderBy(o => o.Date).ThenBy(o => o.SeekerId, StringComparer.Ordinal).ThenBy(o => o.Rank)];
    }
}
