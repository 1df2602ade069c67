using JobHome.Grains.Matching;
using JobHome.Matching.Congestion;
using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Grains.Tests.Matching;

/// <summary>
/// An aware part made from ids and scores (<see cref="MatchIndex.RankPostsForSeeker"/>, factor views straight from the kept
/// posts' factor values) equals the part made from recommendations explained by <see cref="MatchIndex.ExplainPosts"/>: ids,
/// scores, order keys, reasons and every factor with its words, for scans and kept queries, with and without held words.
/// </summary>
public sealed class AwareItemsTests
{
    [Theory]
    [InlineData(41, 3, false)]
    [InlineData(43, 5, true)]
    [InlineData(47, 2, true)]
    [InlineData(53, 0, false)]
    public void Aware_FromIdsAndScores_EqualsPartFromExplainedRecommendations(int seed, int topFactors, bool someHeld)
    {
        var (_, seekers, index, options, settings, prices) = Market(seed, 120, 40, topFactors);
        Func<string, bool>? reusable = someHeld ? static id => id.EndsWith('3') || id.EndsWith('7') : null;
        var ranked = new List<ScoredRecord>();
        var compared = 0;
        for (var s = 0; s < seekers.Length; s++)
        {
            var seeker = seekers[s];
            if (s % 2 == 0)
            {
                // Half of them as partitions keep a holder's query: answered from the memo.
                index.KeepPostQuery(seeker);
            }
            for (var round = 0; round < 2; round++)
            {
                index.RankPostsForSeeker(seeker, settings.CandidateDepth, options, null, ranked);
                var recommendations = index.TopPostsForSeeker(seeker, settings.CandidateDepth, options with { TopFactors = 0 });
                Assert.Equal(recommendations.Select(static r => (r.Id, r.Score)), ranked.Select(static r => (r.Id, r.Score)));
                if (ranked.Count == 0)
                {
                    continue;
                }
                var fast = RankingItems.Aware(ranked, prices, 20, settings, index, seeker, options, index.Model, reusable, null, out _);
                var oracle = RankingItems.Aware(recommendations, prices, 20, settings,
                    kept => [.. kept.Select(r => reusable?.Invoke(r.Id) == true ? r : index.ExplainPosts(seeker, [r], options)[0])]);
                Assert.Equal(View(oracle), View(fast));
                compared++;
            }
        }
        Assert.True(compared > 40, $"{compared} parts compared");
    }

    [Theory]
    [InlineData(59, 3)]
    [InlineData(61, 0)]
    public void Aware_HeldAnswerAfterAChange_EqualsAnswerWithoutItAndRepeatsHeldItems(int seed, int topFactors)
    {
        var (posts, seekers, index, options, settings, prices) = Market(seed, 100, 30, topFactors);
        var ranked = new List<ScoredRecord>();
        int repeated = 0, renewed = 0;
        foreach (var seeker in seekers)
        {
            index.KeepPostQuery(seeker);
            index.RankPostsForSeeker(seeker, settings.CandidateDepth, options, null, ranked);
            if (ranked.Count == 0)
            {
                continue;
            }
            var explained = RankingItems.Aware(ranked, prices, 20, settings, index, seeker, options, index.Model, null, null, out _);
            // The seeker holds their words: the next answer leaves them unexplained (the reason only), as a push does.
            var ids = explained.Select(static i => i.Id).ToHashSet(StringComparer.Ordinal);
            var first = RankingItems.Aware(ranked, prices, 20, settings, index, seeker, options, index.Model, ids.Contains, null,
                out var reasons);
            // One listed post closes: the items above it keep their places, those below move up.
            var closed = first[first.Length / 2].Id;
            Assert.True(index.RemovePost(closed));
            index.RankPostsForSeeker(seeker, settings.CandidateDepth, options, null, ranked);
            var again = RankingItems.Aware(ranked, prices, 20, settings, index, seeker, options, index.Model, ids.Contains, reasons, out _);
            var fresh = RankingItems.Aware(ranked, prices, 20, settings, index, seeker, options, index.Model, ids.Contains, null, out _);
            Assert.Equal(View(fresh), View(again));
            for (var i = 0; i < again.Length; i++)
            {
                if (i < first.Length && ReferenceEquals(first[i], again[i]))
                {
                    repeated++;
                }
                else
                {
                    renewed++;
                }
            }
            index.UpsertPost(posts.First(p => p.Id == closed));
        }
        Assert.True(repeated > 50, $"{repeated} held items repeated");
        Assert.True(renewed > 20, $"{renewed} items made anew");
    }

    // A seeded market: posts (in the index) and seekers, the options with topFactors, and the congestion prices over them.
    private static (MatchPost[] Posts, MatchSeeker[] Seekers, MatchIndex Index, MatchOptions Options, CongestionSettings Settings,
        PostPrices Prices) Market(int seed, int postCount, int seekerCount, int topFactors)
    {
        var random = new Random(seed);
        var posts = Enumerable.Range(0, postCount).Select(i => SeededMarket.Post($"p{i:D3}", random).ToMatchPost()).ToArray();
        var seekers = Enumerable.Range(0, seekerCount).Select(i => SeededMarket.Seeker($"s{i:D2}", random).ToMatchSeeker()).ToArray();
        var index = new MatchIndex();
        index.UpsertPosts(posts);
        var options = new MatchOptions(SeededMarket.Today) with { TopFactors = topFactors };
        var settings = new CongestionSettings();
        var prices = CongestionMarket.Build(index, seekers, posts.ToDictionary(static p => p.Id, static p => p.Openings, StringComparer.Ordinal),
            options, 10, settings).Prices;
        return (posts, seekers, index, options, settings, prices);
    }

    private static IEnumerable<string> View(MatchItem[] items) => items.Select(static i =>
        $"{i.Id} {i.Score:R} {i.Rank:R} " + string.Join(";", i.Factors.Select(static f =>
            $"{f.Factor}={f.Value:R}/{f.Contribution:R}/{f.Weight:R}/{f.Chinese}/{f.English}")));
}
