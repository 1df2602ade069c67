using System.Globalization;
using JobHome.Matching.Congestion;
using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Tests.Congestion;

/// <summary>
/// The congestion reasons are numbers (<see cref="ListedReason"/>) whose words are written in one pass per text when read:
/// exactly the words of the earlier piecewise formatting; and a listed post's reason is the one
/// <see cref="PostLists.Reason"/> gives from its rank, plain rank, score and price terms.
/// </summary>
public sealed class PostListReasonTests
{
    [Fact]
    public void Why_OnePass_EqualsThePiecewiseWords()
    {
        var random = new Random(11);
        var settings = new[]
        {
            new CongestionSettings(),
            new CongestionSettings(Strength: 0.5),
            new CongestionSettings(Strength: 0.5, Dual: 0),
            new CongestionSettings(Crowding: 0, Dual: 0),
        };
        for (var i = 0; i < 4_000; i++)
        {
            var s = settings[i % settings.Length];
            var rank = random.Next(1, 25);
            var plainRank = random.Next(1, 60);
            var score = random.NextDouble();
            var cutoff = random.Next(3) == 0 ? 0 : random.NextDouble();
            var dual = random.Next(3) == 0 ? 0 : random.NextDouble() * 0.3;
            var crowding = random.NextDouble();
            var perOpening = random.NextDouble() * 40;
            var price = new ListedPrice(cutoff, perOpening, crowding, dual, CongestionPricer.Penalty(score, cutoff, crowding, dual, s));
            if (i % 7 == 0)
            {
                price = price with { Penalty = 0 };
            }
            Assert.Equal(Piecewise(PostListKind.Aware, rank, plainRank, score, price, s),
                Words(ListedReason.Of(PostListKind.Aware, rank, plainRank, score, price, s)));
        }
        Assert.Equal(Piecewise(PostListKind.Plain, 1, 1, 0.5, default, settings[0]),
            Words(ListedReason.Of(PostListKind.Plain, 1, 1, 0.5, default, settings[0])));
    }

    [Fact]
    public void Order_ReasonsAsNumbers_WordsEqualTheReasonOfThePostsPlace()
    {
        var settings = new CongestionSettings(Strength: 0.5);
        var (seekers, index, options, market) = Market(23, 200, 120, settings);
        var compared = 0;
        foreach (var seeker in seekers)
        {
            var candidates = index.TopPostsForSeeker(seeker, settings.CandidateDepth, options);
            if (candidates.Count == 0)
            {
                continue;
            }
            var listed = PostLists.Order(candidates, PostListKind.Aware, market.Prices, 20, settings);
            for (var r = 0; r < listed.Count; r++)
            {
                var post = listed[r];
                Assert.Equal(post.Reason, PostLists.ReasonOf(post, PostListKind.Aware, settings));
                Assert.Equal((post.WhyZh, post.WhyEn), PostLists.Reason(post, PostListKind.Aware, settings));
                var price = new ListedPrice(post.Cutoff, post.ApplicantsPerOpening, post.Crowding, post.DualPrice, post.Penalty);
                Assert.Equal(Piecewise(PostListKind.Aware, post.Rank, post.PlainRank, post.Score, price, settings),
                    (post.WhyZh, post.WhyEn));
                compared++;
            }
        }
        Assert.True(compared > 100, $"{compared} posts compared");
    }

    [Fact]
    public void OrderAware_PlacesAreTheNumbersOfOrder_ForEveryListLength()
    {
        var settings = new CongestionSettings(Strength: 0.5, Crowding: 0.2);
        var (seekers, index, options, market) = Market(29, 120, 90, settings);
        var compared = 0;
        foreach (var seeker in seekers)
        {
            var candidates = index.TopPostsForSeeker(seeker, settings.CandidateDepth, options);
            if (candidates.Count == 0)
            {
                continue;
            }
            foreach (var count in new[] { 1, 5, 20, candidates.Count + 3 })
            {
                var listed = PostLists.Order(candidates, PostListKind.Aware, market.Prices, count, settings);
                // A longer span than needed: only the first places are written.
                var places = new ListedPlace[count + 2];
                var n = PostLists.OrderAware(candidates, market.Prices, count, settings, places);
                Assert.Equal(listed.Count, n);
                for (var r = 0; r < n; r++)
                {
                    var post = listed[r];
                    var place = places[r];
                    Assert.Equal(post.PlainRank, place.PlainRank);
                    Assert.Same(post.Id, candidates[place.PlainRank - 1].Id);
                    Assert.Equal(post.Penalty, place.Penalty);
                    Assert.Equal(post.Reason, place.Reason);
                    Assert.Equal(post.AwareScore, candidates[place.PlainRank - 1].Score - place.Penalty);
                    compared++;
                }
                Assert.Equal(default, places[n]);
            }
        }
        Assert.True(compared > 100, $"{compared} places compared");
        // A span shorter than the list is refused, not written past.
        var many = seekers.Select(s => index.TopPostsForSeeker(s, settings.CandidateDepth, options)).First(c => c.Count > 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => PostLists.OrderAware(many, market.Prices, 2, settings, new ListedPlace[1]));
    }

    private static (string Zh, string En) Words(ListedReason reason) => (reason.Chinese, reason.English);

    // The wording as it was formatted before the one-pass writer (pieces, lists and joins).
    private static (string Zh, string En) Piecewise(PostListKind kind, int rank, int plainRank, double score, ListedPrice price,
        CongestionSettings settings)
    {
        var inv = CultureInfo.InvariantCulture;
        if (kind == PostListKind.Plain)
        {
            return ("按匹配得分排序", "ordered by match score");
        }
        var zh = new List<string>();
        var en = new List<string>();
        zh.Add(string.Create(inv, $"每个空缺预计{price.PerOpening:0.0}人投递"));
        en.Add(string.Create(inv, $"{price.PerOpening:0.0} expected applicants per opening"));
        if (settings.Dual > 0 && price.Dual > 0)
        {
            zh.Add(string.Create(inv, $"竞争价{price.Dual:0.00}"));
            en.Add(string.Create(inv, $"market price {price.Dual:0.00}"));
        }
        if (settings.Strength > 0 && price.Cutoff > score)
        {
            zh.Add(string.Create(inv, $"预计录用分数线{price.Cutoff:0.00}高于本人得分{score:0.00}"));
            en.Add(string.Create(inv, $"expected hiring cutoff {price.Cutoff:0.00} above your score {score:0.00}"));
        }
        var (moveZh, moveEn) = rank.CompareTo(plainRank) switch
        {
            > 0 => (string.Create(inv, $"从第{plainRank}位下调至第{rank}位"), string.Create(inv, $"moved down from {plainRank} to {rank}")),
            < 0 => (string.Create(inv, $"从第{plainRank}位上调至第{rank}位"), string.Create(inv, $"moved up from {plainRank} to {rank}")),
            _ => ("位置未变", "position unchanged"),
        };
        var (costZh, costEn) = price.Penalty > 0
            ? (string.Create(inv, $"竞争扣减{price.Penalty:0.00}"), string.Create(inv, $"congestion penalty {price.Penalty:0.00}"))
            : ("无竞争扣减", "no congestion penalty");
        return ($"{moveZh}：{costZh}（{string.Join("，", zh)}）", $"{moveEn}: {costEn} ({string.Join(", ", en)})");
    }

    // A seeded market of seekerCount seekers and postCount posts (in the index) and its congestion prices under settings.
    private static (List<MatchSeeker> Seekers, MatchIndex Index, MatchOptions Options, CongestionMarket Market) Market(
        int seed, int seekerCount, int postCount, CongestionSettings settings)
    {
        var data = new TestData(seed);
        var seekers = Enumerable.Range(0, seekerCount).Select(_ => data.Seeker()).ToList();
        var posts = Enumerable.Range(0, postCount).Select(_ => data.Post()).ToList();
        var index = new MatchIndex(ScoringModel.Default);
        index.UpsertPosts(posts);
        var options = new MatchOptions(TestData.AsOf);
        var market = CongestionMarket.Build(index, seekers, posts.ToDictionary(p => p.Id, p => p.Openings, StringComparer.Ordinal),
            options, 10, settings);
        return (seekers, index, options, market);
    }
}
