using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Matching.Ranking;
using JobHome.Matching.Scoring;

namespace JobHome.Demo.Outcomes;

/// <summary>
/// Simulates six months of recommendations in one county: a share of seekers visits on one to three days of the half-year
/// before <see cref="DemoGenerator.ReferenceDate"/> and is shown, each time, its top-20 posts under the default weights among
/// the posts open that day and not applied to before; it applies and is hired by <see cref="OutcomeBehaviour"/>, whose
/// freshness, popularity and history terms see exactly the re-ranker's context (<see cref="RerankContext.For"/>, counts
/// moved on after each day). Deterministic for a seed; pure (no I/O, no clock).
/// </summary>
public static class OutcomeSimulator
{
    /// <summary>Posts shown per seeker and visit.</summary>
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
        var visits = Visits(seekers, rng);
        var popularity = new PostPopularity();
        var histories = new Dictionary<string, ApplicationHistory>(StringComparer.Ordinal);
        var applied = new HashSet<(string, string)>();
        var shown = new List<Shown>();
        var v = 0;
        while (v < visits.Count)
        {
            var day = visits[v].Day;
            var date = start.AddDays(day);
            var first = shown.Count;
            for (; v < visits.Count && visits[v].Day == day; v++)
            {
                var (seeker, _, keenness) = visits[v];
                var history = histories.GetValueOrDefault(seeker.Id);
                var limit = options.LimitKm(seeker.Rural);
                var rank = 0;
                // Three times the list from the index, then the posts not open yet and those applied to before are passed over.
                foreach (var candidate in index.TopPostsForSeeker(seeker, 3 * ListLength, options))
                {
                    var post = postById[candidate.Id];
                    if (rank == ListLength || post.Opened > date || applied.Contains((seeker.Id, post.Id)))
                    {
                        continue;
                    }
                    rank++;
                    var factors = Scorer.Factors(seeker, post, options);
                    var context = RerankContext.For(post, date, firstSeen: null, popularity, history);
                    var km = seeker.Location.DistanceKm(post.Location);
                    var applies = rng.NextDouble()
                        < OutcomeBehaviour.ApplyProbability(factors, seeker, post, km, limit, rank, keenness, context);
                    shown.Add(new Shown(seeker, post, factors, date, rank, applies, context.PostPopularity));
                }
            }
            // Counts move on only after the whole day, as RankRowBuilder's do.
            for (var i = first; i < shown.Count; i++)
            {
                var s = shown[i];
                popularity.Record(s.Post.Id, date);
                if (s.Applied)
                {
                    applied.Add((s.Seeker.Id, s.Post.Id));
                    if (!histories.TryGetValue(s.Seeker.Id, out var history))
                    {
                        histories.Add(s.Seeker.Id, history = new ApplicationHistory());
                    }
                    history.Add(s.Post.Occupation, s.Post.Kind);
                }
            }
        }
        var placed = Hire(shown, rng);
        return [.. Enumerable.Range(0, shown.Count)
            .Select(i => new DemoOutcome(
                shown[i].Seeker.Id, shown[i].Post.Id, shown[i].Date, shown[i].Rank, shown[i].Applied, placed.Contains(i)))
            .OrderBy(o => o.Date).ThenBy(o => o.SeekerId, StringComparer.Ordinal).ThenBy(o => o.Rank)];
    }

    // Each seeker: active with ActiveShare; a first day; with probability 0.6 a second and 0.25 a third visit, each 7–66 days
    // after the one before (dropped past the period). Every seeker draws the same number of values, active or not.
    private static List<(MatchSeeker Seeker, int Day, double Keenness)> Visits(IReadOnlyList<MatchSeeker> seekers, DemoRandom rng)
    {
        var visits = new List<(MatchSeeker Seeker, int Day, double Keenness)>();
        foreach (var seeker in seekers)
        {
            var active = rng.NextDouble() < ActiveShare;
            var day = rng.Next(Days);
            var keenness = rng.NextDouble() - 0.5;
            var more = rng.NextDouble();
            var gap1 = 7 + rng.Next(60);
            var gap2 = 7 + rng.Next(60);
            if (!active)
            {
                continue;
            }
            visits.Add((seeker, day, keenness));
            var count = more < 0.25 ? 2 : more < 0.6 ? 1 : 0;
            if (count >= 1 && day + gap1 < Days)
            {
                visits.Add((seeker, day + gap1, keenness));
                if (count == 2 && day + gap1 + gap2 < Days)
                {
                    visits.Add((seeker, day + gap1 + gap2, keenness));
                }
            }
        }
        return [.. visits.OrderBy(x => x.Day).ThenBy(x => x.Seeker.Id, StringComparer.Ordinal)];
    }

    // Each post offers its openings to its applicants in the employer's order; a seeker takes the first job it is offered
    // (posts in id order).
    private static HashSet<int> Hire(List<Shown> shown, DemoRandom rng)
    {
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
                var s = shown[i];
                if (!hiredSeekers.Contains(s.Seeker.Id) && rng.NextDouble() < OutcomeBehaviour.HireProbability(s.Factors, s.Popularity))
                {
                    placed.Add(i);
                    hiredSeekers.Add(s.Seeker.Id);
                    openings--;
                }
            }
        }
        return placed;
    }

    private sealed record Shown(MatchSeeker Seeker, MatchPost Post, FactorVector Factors, DateOnly Date, int Rank, bool Applied,
        float Popularity);
}
