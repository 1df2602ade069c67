using JobHome.Matching.Congestion;
using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;
using JobHome.Matching.Simulation;

namespace JobHome.Matching.Tests.Congestion;

/// <summary>The bounded pricing population of aware lists: a fixed uniform sample whose prices stay close to everyone's.</summary>
public sealed class PricingSampleTests
{
    private static readonly MatchOptions Options = new(TestData.AsOf);

    private static (List<MatchSeeker> Seekers, List<MatchPost> Posts) Market(int seed, int seekers, int posts)
    {
        var data = new TestData(seed);
        return ([.. Enumerable.Range(0, seekers).Select(_ => data.Seeker())], [.. Enumerable.Range(0, posts).Select(_ => data.Post())]);
    }

    [Fact]
    public void Upsert_MoreThanCapacity_KeepsTheSmallestKeysWhateverTheOrder()
    {
        var (seekers, _) = Market(41, 1000, 0);
        var forward = new PricingPopulation(100);
        var backward = new PricingPopulation(100);
        seekers.ForEach(forward.Upsert);
        Enumerable.Reverse(seekers).ToList().ForEach(backward.Upsert);

        var expected = seekers.OrderBy(s => PricingPopulation.Key(s.Id)).Take(100).Select(s => s.Id).Order(StringComparer.Ordinal);
        Assert.Equal(expected, forward.Snapshot().Select(s => s.Id).Order(StringComparer.Ordinal));
        Assert.Equal(expected, backward.Snapshot().Select(s => s.Id).Order(StringComparer.Ordinal));
        Assert.Equal(PricingPopulation.SampleOf(seekers, 100).Select(i => seekers[i].Id).Order(StringComparer.Ordinal), expected);
        Assert.Equal(10.0, forward.Weight(1000));
    }

    [Fact]
    public void Upsert_ChangedMember_ReplacedAndRemoveShrinks()
    {
        var (seekers, _) = Market(43, 50, 0);
        var population = new PricingPopulation(10);
        seekers.ForEach(population.Upsert);
        var member = population.Snapshot()[0];
        population.Upsert(member with { ExpectedPayMin = 12345 });
        Assert.Equal(10, population.Count);
        Assert.Contains(population.Snapshot(), s => s.Id == member.Id && s.ExpectedPayMin == 12345);

        population.Remove(member.Id);
        population.Remove("not-a-member");

        Assert.Equal(9, population.Count);
        Assert.Equal(50 / 9.0, population.Weight(50), 12);
        Assert.Equal(1.0, new PricingPopulation(10).Weight(50));
    }

    // 3,000 people on 200 posts: prices from a quarter of them (weight 4) against prices from everyone. Measured: expected
    // applications off by 16.6 % (sum of |difference| ÷ sum), crowding by 0.065 per post, dual prices by 0.076 (mean 0.51).
    [Fact]
    public void Build_QuarterSample_PricesWithinToleranceOfEveryone()
    {
        var (seekers, posts) = Market(47, 3000, 200);
        var index = new MatchIndex(ScoringModel.Default);
        index.UpsertPosts(posts);
        var free = posts.ToDictionary(p => p.Id, p => p.Openings);
        var settings = new CongestionSettings();
        var full = CongestionMarket.Build(index, seekers, free, Options, 10, settings).Prices;
        var sampled = CongestionMarket.Build(index, seekers, free, Options, 10, settings, pricingSample: 750).Prices;

        var ids = posts.Select(p => p.Id).Where(id => full.ExpectedApplications(id) > 0).ToList();
        var demandError = ids.Sum(id => Math.Abs(sampled.ExpectedApplications(id) - full.ExpectedApplications(id)))
            / ids.Sum(full.ExpectedApplications);
        var crowdingError = ids.Average(id => Math.Abs(sampled.Crowding(id) - full.Crowding(id)));
        var dualError = ids.Average(id => Math.Abs(sampled.DualPrice(id) - full.DualPrice(id)));
        var fullDual = ids.Average(full.DualPrice);
        Assert.True(demandError < 0.25, $"expected applications off by {demandError:P1} in all");
        Assert.True(crowdingError < 0.1, $"crowding off by {crowdingError:0.000} per post");
        Assert.True(dualError < 0.25 * fullDual, $"dual price off by {dualError:0.0000} per post (mean {fullDual:0.0000})");
        Assert.Equal(ids.Sum(full.ExpectedApplications), ids.Sum(sampled.ExpectedApplications), ids.Sum(full.ExpectedApplications) * 0.1);
    }

    // Measured: plain 1,403 placed, aware with everyone's prices 1,452, aware with a quarter's 1,449.
    [Fact]
    public void Run_PricesFromSample_StillPlaceMoreThanPlainAndCloseToEveryone()
    {
        var (seekers, posts) = Market(53, 3000, 600);
        MarketResult Run(PostListKind kind, int? sample) => MarketSimulator.Run(seekers, posts, ScoringModel.Default, Options,
            new MarketSettings(5, 10, 3) { Lists = kind, PricingSample = sample });
        var plain = Run(PostListKind.Plain, null);
        var full = Run(PostListKind.Aware, null);
        var sampled = Run(PostListKind.Aware, 750);

        Assert.True(sampled.Placements > plain.Placements, $"plain {plain.Placements}, sampled {sampled.Placements}");
        Assert.True(Math.Abs(sampled.Placements - full.Placements) <= 0.5 * (full.Placements - plain.Placements),
            $"plain {plain.Placements}, everyone {full.Placements}, sampled {sampled.Placements}");
        Assert.InRange(sampled.MeanPlacedScore, 0.95 * plain.MeanPlacedScore, 1);
    }

    [Fact]
    public void Estimate_WeightBelowOne_ThrowsNamingRule()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            PostPrices.Estimate([], new Dictionary<string, int>(), 10, new CongestionSettings(), weight: 0.5));
        Assert.Contains("population ÷ sample", e.Message, StringComparison.Ordinal);
    }
}
