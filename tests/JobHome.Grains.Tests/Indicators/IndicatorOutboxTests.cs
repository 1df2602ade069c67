using JobHome.Domain.Indicators;
using JobHome.Domain.People;
using JobHome.Grains.Indicators;
using JobHome.Grains.People;
using JobHome.Grains.Posts;
using JobHome.Grains.Tests.Fixtures;
using JobHome.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace JobHome.Grains.Tests.Indicators;

/// <summary>
/// A record's change reaches its site's aggregator through the record's outbox (<see cref="IndicatorOutbox"/>), whatever
/// the store: on the embedded store the state write carries the events, so the record is stored as published
/// (<c>PublishedVersion == Version</c>: an activation has nothing to publish again); on a store that does not take them
/// the events are published after the write, and the stored state stays one version behind until the next write.
/// A move sends a zero contribution to the old site in either case.
/// </summary>
public abstract class IndicatorOutboxTests(ClusterFixture fixture, bool writeCarriesEvents)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RegisterAsync_NewThenMovedThenReactivated_CountsFollowAndTheStoredOutboxMatchesTheStore()
    {
        var (villages, _) = await new TestNetwork(fixture).RegisterTreeAsync();
        var (a, b) = (villages[0], villages[1]);
        var id = TestNetwork.NewId("sk-outbox");
        var seeker = fixture.Client.GetGrain<ISeekerGrain>(id);
        var since = fixture.Today.AddDays(-3);
        var registration = TestNetwork.Registration(new DateOnly(1990, 4, 1), LabourStatus.Unemployed, since) with { SiteCode = a };
        var one = new IndicatorCounts();
        one.Apply(IndicatorContribution.Person(LabourStatus.Unemployed, since, 0));

        Assert.True((await seeker.RegisterAsync(registration)).Succeeded);
        Assert.True(await Aggregator(a).WaitForOwnCountsAsync(one, Patience));
        AssertStored(await StoredSeekerAsync(seeker), version: 1, site: a);

        // A move: the zero contribution to the old site and the contribution to the new one.
        Assert.True((await seeker.RegisterAsync(registration with { SiteCode = b })).Succeeded);
        Assert.True(await Aggregator(b).WaitForOwnCountsAsync(one, Patience));
        Assert.True(await Aggregator(a).WaitForOwnCountsAsync(new IndicatorCounts(), Patience));
        AssertStored(await StoredSeekerAsync(seeker), version: 2, site: b);

        // Collected and activated again: the counts stay, and the stored outbox is as the store left it.
        await fixture.Cluster.DeactivateAsync(seeker);
        Assert.Equal(b, (await seeker.GetAsync())!.SiteCode);
        Assert.True(await Aggregator(b).WaitForOwnCountsAsync(one, Patience));
        Assert.True(await Aggregator(a).WaitForOwnCountsAsync(new IndicatorCounts(), Patience));
        AssertStored(await StoredSeekerAsync(seeker), version: 2, site: b);
    }

    [Fact]
    public async Task OpenAsync_NewPost_StoredOutboxMatchesTheStore()
    {
        var network = new TestNetwork(fixture);
        await network.EnsureSitesAsync();
        var postId = await network.OpenPostAsync(2);
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var stored = new GrainState<PostState>(new PostState());
        await storage.ReadStateAsync("post", fixture.Client.GetGrain<IPostGrain>(postId).GetGrainId(), stored);

        AssertStored(stored.State!.Indicators, version: 1, site: TestNetwork.Village);
    }

    // Carried by the write: stored as published to the site. Published after the write: stored as the write left it (the
    // version before, to the site before; a new record's first write knows no site yet).
    private void AssertStored(IndicatorOutbox stored, long version, string site)
    {
        Assert.Equal(version, stored.Version);
        if (writeCarriesEvents)
        {
            Assert.Equal((version, site), (stored.PublishedVersion, stored.PublishedSiteCode));
        }
        else
        {
            Assert.Equal(version - 1, stored.PublishedVersion);
            Assert.NotEqual(site, stored.PublishedSiteCode);
        }
    }

    private ISiteIndicatorsGrain Aggregator(string site) => fixture.Client.GetGrain<ISiteIndicatorsGrain>(site);

    private async Task<IndicatorOutbox> StoredSeekerAsync(ISeekerGrain seeker)
    {
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var stored = new GrainState<SeekerState>(new SeekerState());
        await storage.ReadStateAsync("seeker", seeker.GetGrainId(), stored);
        return stored.State!.Indicators;
    }
}

/// <summary>Orleans' in-memory storage does not take the events: they are published after the write.</summary>
[Collection(ClusterCollection.Name)]
public sealed class IndicatorOutboxTestsOnMemory(MemoryClusterFixture fixture) : IndicatorOutboxTests(fixture, writeCarriesEvents: false);
