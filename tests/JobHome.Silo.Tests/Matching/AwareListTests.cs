using JobHome.Domain.People;
using JobHome.Grains.Hosting;
using JobHome.Grains.Matching;
using JobHome.Grains.Posts;
using JobHome.Matching.Congestion;
using JobHome.Silo.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace JobHome.Silo.Tests.Matching;

/// <summary>Prices from all eight welders.</summary>
public sealed class FullPricingAwareListTests : AwareListTests
{
    /// <inheritdoc />
    protected override int PricingSample => 4096;
}

/// <summary>Prices from a bounded sample of four of the eight welders, each standing for two: the same lists.</summary>
public sealed class SampledPricingAwareListTests : AwareListTests
{
    /// <inheritdoc />
    protected override int PricingSample => 4;
}

/// <summary>
/// Congestion-aware live post lists on an in-process silo: eight welders at one village; post "hot" is their exact
/// occupation with one opening, "cool" the same minor group with ten, "master" needs a master's degree (ineligible).
/// </summary>
public abstract class AwareListTests : IAsyncLifetime
{
    /// <summary>The partitions' pricing sample (<see cref="AwareListOptions.PricingSample"/>).</summary>
    protected abstract int PricingSample { get; }

    private const int Seekers = 8;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
    private InMemorySilo _silo = null!;

    private ModelCatalog Catalog => _silo.GetService<ModelCatalog>();

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _silo = await InMemorySilo.StartAsync(services =>
        {
            services.AddSingleton(new AwareListOptions
            {
                Lists = PostListKind.Aware, PriceInterval = TimeSpan.FromMinutes(1), PricingSample = PricingSample,
            });
            services.AddJobHomeGrains(time: _time);
        });
        await MarketAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task CrowdedPopularPost_AfterPrices_MovesDownBelowUncrowdedAlternative()
    {
        var aware = await ListAfterFullPricesAsync("s-0");

        // Plain order is by score: hot first. The aware list puts the uncrowded alternative first.
        Assert.Equal(["cool", "hot"], aware.Select(i => i.Id));
        Assert.True(aware[1].Score > aware[0].Score, "hot scores higher, so a plain list puts it first");
        var hot = aware[1].Factors[0];
        Assert.Equal("congestion", hot.Factor);
        Assert.StartsWith("moved down from 1 to 2: congestion penalty ", hot.English, StringComparison.Ordinal);
        Assert.StartsWith("从第1位下调至第2位：竞争扣减", hot.Chinese, StringComparison.Ordinal);
        Assert.Equal(-hot.Value, hot.Contribution);
        Assert.True(hot.Value > aware[1].Score - aware[0].Score, "the penalty outweighs the score gap");
        Assert.StartsWith("moved up from 2 to 1: no congestion penalty", aware[0].Factors[0].English, StringComparison.Ordinal);
        Assert.Equal("occupation", aware[0].Factors[1].Factor);
        Assert.Equal(aware[1].Score - hot.Value, aware[1].OrderKey!.Value, 12);
    }

    [Fact]
    public async Task AwareList_EveryWelder_HoldsExactlyTheEligiblePosts()
    {
        await ListAfterFullPricesAsync("s-0");

        for (var s = 0; s < Seekers; s++)
        {
            var aware = await ListAsync($"s-{s}");
            Assert.Equal(["cool", "hot"], aware.Select(i => i.Id));
            Assert.DoesNotContain(aware, i => i.Id == "master");
        }
    }

    [Fact]
    public async Task Pricing_RecordsUnchangedSinceTheLast_NotComputedAgain()
    {
        await ListAfterFullPricesAsync("s-0");
        var computed = 0;
        var nine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Catalog.PricesUpdated += prices =>
        {
            Interlocked.Increment(ref computed);
            // Nine welders: 9 × (0.6 + 0.48) expected applications.
            if (prices.ExpectedApplications("hot") + prices.ExpectedApplications("cool") > 9)
            {
                nine.TrySetResult();
            }
        };

        // Due again, but nothing changed: the query keeps the prices. Then a ninth welder: its registration's query, due
        // and changed, computes them. Had the first query computed, the second would not have been due yet, and the
        // ninth welder's prices would only come after another interval, the second computation.
        _time.Advance(TimeSpan.FromMinutes(1));
        await ListAsync("s-0");
        await TestMarket.RegisterAsync(_silo.Client, "s-8", TestMarket.Welder("VA", 11 + Seekers, "6-25-04-01"));
        _time.Advance(TimeSpan.FromMinutes(1));
        await ListAsync("s-0");
        await nine.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, Volatile.Read(ref computed));
    }

    // Registration already priced the partition with the first welders only; a minute later a query starts a computation
    // over all of them, and the query after it adopts that. On a busy machine the registrations' computation may still
    // run when that query comes (the query then starts none): when it finishes, a minute later another query starts the
    // full one. Every finished computation is heard of only once it no longer runs (AwarePricing).
    private async Task<MatchItem[]> ListAfterFullPricesAsync(string seekerId)
    {
        var priced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = new SemaphoreSlim(0);
        void Heard(PostPrices prices)
        {
            // Each welder applies to rank 1 with probability 0.6 and rank 2 with 0.48: 8.64 in all for eight.
            if (prices.ExpectedApplications("hot") + prices.ExpectedApplications("cool") > 8)
            {
                priced.TrySetResult();
            }
            finished.Release();
        }
        Catalog.PricesUpdated += Heard;
        try
        {
            for (var round = 1; !priced.Task.IsCompleted; round++)
            {
                Assert.True(round <= 4, $"no prices over all {Seekers} welders after {round - 1} due queries");
                _time.Advance(TimeSpan.FromMinutes(1));
                await ListAsync(seekerId);
                Assert.True(await finished.WaitAsync(TimeSpan.FromSeconds(30)),
                    $"round {round}: no pricing computation finished within 30 s of a due query");
            }
        }
        finally
        {
            Catalog.PricesUpdated -= Heard;
        }
        return await ListAsync(seekerId);
    }

    private async Task<MatchItem[]> ListAsync(string seekerId) =>
        (await _silo.Client.GetGrain<ISeekerMatchingGrain>(seekerId).GetPostListAsync(10))!.Items;

    private async Task MarketAsync()
    {
        var client = _silo.Client;
        await TestSiteTree.RegisterAsync(client, "A");
        await TestMarket.RegisterEmployerAsync(client, "VA");
        Assert.True((await client.GetGrain<IPostGrain>("hot").OpenAsync(TestMarket.WelderPost("VA", "6-25-04-01", 1))).Succeeded);
        Assert.True((await client.GetGrain<IPostGrain>("cool").OpenAsync(TestMarket.WelderPost("VA", "6-25-04-02", 10))).Succeeded);
        var master = TestMarket.WelderPost("VA", "6-25-04-01", 5) with { MinEducation = EducationLevel.Master };
        Assert.True((await client.GetGrain<IPostGrain>("master").OpenAsync(master)).Succeeded);
        for (var s = 0; s < Seekers; s++)
        {
            await TestMarket.RegisterAsync(client, $"s-{s}", TestMarket.Welder("VA", 11 + s, "6-25-04-01"));
        }
    }
}
