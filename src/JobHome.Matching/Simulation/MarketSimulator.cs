using JobHome.Matching.Congestion;
using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Simulation;

/// <summary>
/// A congestion market: each round every unplaced seeker gets a top-K list (<see cref="MarketSettings.Lists"/>: plain by
/// linear score, or congestion-aware with prices estimated that round from the unplaced seekers and the free openings),
/// applies to the post at rank r with probability <see cref="MarketSettings.ApplyProbability"/>; each post offers its free
/// openings to its applicants by descending score (ties by seeker id); a seeker with several offers takes the best-scoring
/// one (ties by post id); unfilled openings and unplaced seekers go on to the next round. Deterministic for a seed; pure.
/// </summary>
public static class MarketSimulator
{
    /// <summary>Runs the simulation; <paramref name="roundDone"/> gets the number of rounds done.</summary>
    public static MarketResult Run(IReadOnlyList<MatchSeeker> seekers, IReadOnlyList<MatchPost> posts, ScoringModel model,
        MatchOptions options, MarketSettings settings, Action<int>? roundDone = null)
    {
        ArgumentNullException.ThrowIfNull(seekers);
        ArgumentNullException.ThrowIfNull(posts);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Rounds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.ListLength, 1);
        settings.Congestion.Validate();
        var index = new MatchIndex(model);
        index.UpsertPosts(posts);
        var postById = posts.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var free = posts.ToDictionary(p => p.Id, p => Math.Max(0, p.Openings), StringComparer.Ordinal);
        var applications = posts.ToDictionary(p => p.Id, _ => 0, StringComparer.Ordinal);
        var unplaced = seekers.OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        var random = new SplitMixRandom(settings.Seed);
        int placements = 0, applied = 0;
        var scoreSum = 0.0;
        var list = new (string PostId, double Score)[settings.ListLength];
        var chosen = new int[settings.ListLength];
        var scratch = new double[settings.Congestion.CandidateDepth];
        for (var round = 1; round <= settings.Rounds && unplaced.Count > 0; round++)
        {
            var byPost = new Dictionary<string, List<(MatchSeeker Seeker, double Score)>>(StringComparer.Ordinal);
            var market = settings.Lists == PostListKind.Aware
                ? CongestionMarket.Build(index, unplaced, free, options, settings.ListLength, settings.Congestion, settings.PricingSample)
                : null;
            for (var row = 0; row < unplaced.Count; row++)
            {
                var seeker = unplaced[row];
                var n = market is null ? Plain(index, seeker, settings.ListLength, options, list)
                    : market.ListOf(row, PostListKind.Aware, list, chosen, scratch);
                for (var r = 0; r < n; r++)
                {
                    if (random.NextDouble() < MarketSettings.ApplyProbability(r + 1))
                    {
                        applied++;
                        applications[list[r].PostId]++;
                        if (!byPost.TryGetValue(list[r].PostId, out var applicants))
                        {
                            byPost[list[r].PostId] = applicants = [];
                        }
                        applicants.Add((seeker, list[r].Score));
                    }
                }
            }
            var offers = new Dictionary<string, (string PostId, double Score)>(StringComparer.Ordinal);
            foreach (var (postId, applicants) in byPost.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                foreach (var (seeker, score) in applicants.OrderByDescending(a => a.Score).ThenBy(a => a.Seeker.Id, StringComparer.Ordinal)
                    .Take(free[postId]))
                {
                    if (!offers.TryGetValue(seeker.Id, out var best) || score > best.Score)
                    {
                        offers[seeker.Id] = (postId, score);
                    }
                }
            }
            foreach (var (seekerId, (postId, score)) in offers)
            {
                placements++;
                scoreSum += score;
                free[postId]--;
                if (free[postId] == 0)
                {
                    index.UpsertPost(postById[postId] with { Openings = 0 });
                }
            }
            unplaced = [.. unplaced.Where(s => !offers.ContainsKey(s.Id))];
            roundDone?.Invoke(round);
        }
        var open = posts.Where(p => p.Openings > 0).ToList();
        var perOpening = open.Select(p => (double)applications[p.Id] / p.Openings).ToArray();
        return new MarketResult(placements, placements == 0 ? 0 : scoreSum / placements, open.Count(p => applications[p.Id] == 0),
            Gini(perOpening), applied);
    }

    private static int Plain(MatchIndex index, MatchSeeker seeker, int count, MatchOptions options, (string, double)[] into)
    {
        var top = index.TopPostsForSeeker(seeker, count, options);
        for (var r = 0; r < top.Count; r++)
        {
            into[r] = (top[r].Id, top[r].Score);
        }
        return top.Count;
    }

    /// <summary>Gini coefficient of non-negative values (0 = all equal; 0 for an empty or all-zero set).</summary>
    public static double Gini(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        var total = sorted.Sum();
        if (sorted.Length == 0 || total <= 0)
        {
            return 0;
        }
        var weighted = 0.0;
        for (var i = 0; i < sorted.Length; i++)
        {
            weighted += (i + 1) * sorted[i];
        }
        return (2 * weighted / (sorted.Length * total)) - ((sorted.Length + 1.0) / sorted.Length);
    }
}
