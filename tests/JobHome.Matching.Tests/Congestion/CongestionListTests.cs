using JobHome.Matching.Congestion;
using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;
using JobHome.Matching.Simulation;

namespace JobHome.Matching.Tests.Congestion;

public sealed class CongestionListTests
{
    private static readonly MatchOptions Options = new(TestData.AsOf);

    private static (List<MatchSeeker> Seekers, List<MatchPost> Posts, CongestionMarket Market) Market(int seed, int k = 10)
    {
        var data = new TestData(seed);
        var seekers = Enumerable.Range(0, 400).Select(_ => data.Seeker()).ToList();
        var posts = Enumerable.Range(0, 150).Select(_ => data.Post()).ToList();
        var index = new MatchIndex(ScoringModel.Default);
        index.UpsertPosts(posts);
        var free = posts.ToDictionary(p => p.Id, p => p.Openings, StringComparer.Ordinal);
        return (seekers, posts, CongestionMarket.Build(index, seekers, free, Options, k, new CongestionSettings(Strength: 0.5)));
    }

    [Fact]
    public void PostList_Aware_NeverContainsAnIneligiblePostAndOnlyPlainCandidates()
    {
        var (seekers, posts, market) = Market(7);
        var byId = posts.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var scorer = new Scorer(ScoringModel.Default, Options);
        var listed = 0;
        foreach (var seeker in seekers)
        {
            var aware = market.PostList(seeker, PostListKind.Aware);
            var eligible = posts.Count(p => Scorer.CheckEligibility(seeker, p, Options) == Ineligibility.None);
            Assert.Equal(Math.Min(10, eligible), aware.Count);
            foreach (var post in aware)
            {
                Assert.Equal(Ineligibility.None, Scorer.CheckEligibility(seeker, byId[post.Id], Options));
                Assert.True(scorer.TryScore(seeker, byId[post.Id], out var score));
                Assert.Equal(score, post.Score, 12);
                listed++;
            }
            Assert.Equal(aware.Count, aware.Select(p => p.Id).Distinct(StringComparer.Ordinal).Count());
        }
        Assert.True(listed > 1000, $"only {listed} posts listed: the test data should give most seekers a list");
    }

    [Fact]
    public void PostList_Aware_IsOrderedByScoreMinusPenaltyAndExplainsEveryMove()
    {
        var (seekers, _, market) = Market(11);
        var moved = 0;
        foreach (var seeker in seekers)
        {
            var aware = market.PostList(seeker, PostListKind.Aware);
            for (var r = 0; r < aware.Count; r++)
            {
                var post = aware[r];
                Assert.Equal(r + 1, post.Rank);
                Assert.True(post.Penalty >= 0);
                if (r > 0)
                {
                    Assert.True(aware[r - 1].AwareScore >= post.AwareScore, $"{seeker.Id}: rank {r + 1} out of order");
                }
                if (post.Rank > post.PlainRank)
                {
                    moved++;
                    Assert.True(post.Penalty > 0);
                    Assert.Contains($"从第{post.PlainRank}位下调至第{post.Rank}位", post.WhyZh, StringComparison.Ordinal);
                    Assert.Contains($"moved down from {post.PlainRank} to {post.Rank}", post.WhyEn, StringComparison.Ordinal);
                    Assert.Contains("expected applicants per opening", post.WhyEn, StringComparison.Ordinal);
                }
                else if (post.Rank < post.PlainRank)
                {
                    Assert.Contains("上调", post.WhyZh, StringComparison.Ordinal);
                    Assert.Contains("moved up", post.WhyEn, StringComparison.Ordinal);
                }
            }
        }
        Assert.True(moved > 0, "no post moved down: the test market should be congested");
    }

    [Fact]
    public void PostList_Plain_IsTheIndexTopK()
    {
        var data = new TestData(5);
        var seekers = Enumerable.Range(0, 50).Select(_ => data.Seeker()).ToList();
        var posts = Enumerable.Range(0, 80).Select(_ => data.Post()).ToList();
        var index = new MatchIndex(ScoringModel.Default);
        index.UpsertPosts(posts);
        var free = posts.ToDictionary(p => p.Id, p => p.Openings, StringComparer.Ordinal);
        var market = CongestionMarket.Build(index, seekers, free, Options, 5, new CongestionSettings());
        foreach (var seeker in seekers)
        {
            var plain = market.PostList(seeker, PostListKind.Plain);
            var top = index.TopPostsForSeeker(seeker, 5, Options);
            Assert.Equal(top.Select(t => (t.Id, t.Score)), plain.Select(p => (p.Id, p.Score)));
            Assert.All(plain, p => Assert.Equal(0, p.Penalty));
            Assert.All(plain, p => Assert.Equal("ordered by match score", p.WhyEn));
        }
    }

    [Fact]
    public void Estimate_MoreDemand_PostPriceRises()
    {
        // n people all prefer post A (1 opening) to post B (100 openings); A's price must rise with n.
        PostPrices Prices(int n) => PostPrices.Estimate(
            Enumerable.Range(0, n).Select(i => (IReadOnlyList<Recommendation>)
                [new Recommendation("A", 0.9 - (i * 0.001), []), new Recommendation("B", 0.5, [])]),
            new Dictionary<string, int> { ["A"] = 1, ["B"] = 100 }, 2, new CongestionSettings(Strength: 1));
        var one = Prices(1);
        var three = Prices(3);
        var twenty = Prices(20);
        Assert.Equal(0, one.DualPrice("A"));
        Assert.True(three.DualPrice("A") > 0);
        Assert.True(twenty.DualPrice("A") >= three.DualPrice("A"));
        Assert.True(one.ApplicantsPerOpening("A") < three.ApplicantsPerOpening("A"));
        Assert.True(three.ApplicantsPerOpening("A") < twenty.ApplicantsPerOpening("A"));
        Assert.True(one.Crowding("A") < three.Crowding("A"));
        Assert.True(three.Crowding("A") < twenty.Crowding("A"));
        Assert.True(three.Cutoff("A") > 0);
        Assert.Equal(0, twenty.DualPrice("B"));
        Assert.Equal(0, twenty.Crowding("B"));
    }

    [Fact]
    public void Build_SameInputs_SameListsAndPrices()
    {
        var (seekers, posts, first) = Market(3);
        var (_, _, second) = Market(3);
        foreach (var post in posts)
        {
            Assert.Equal(first.Prices.DualPrice(post.Id), second.Prices.DualPrice(post.Id));
            Assert.Equal(first.Prices.Crowding(post.Id), second.Prices.Crowding(post.Id));
        }
        foreach (var seeker in seekers.Take(100))
        {
            Assert.Equal(first.PostList(seeker, PostListKind.Aware).Select(p => (p.Id, p.Penalty, p.WhyZh, p.WhyEn)),
                second.PostList(seeker, PostListKind.Aware).Select(p => (p.Id, p.Penalty, p.WhyZh, p.WhyEn)));
        }
    }

    [Fact]
    public void Settings_OutOfRange_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CongestionSettings(CandidateDepth: 0).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new CongestionSettings(Crowding: -1).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new CongestionSettings(Dual: double.NaN).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new CongestionSettings(Damping: 0).Validate());
        Assert.Throws<ArgumentNullException>(() => PostLists.Order([], PostListKind.Aware, null, 5, new CongestionSettings()));
    }
}
