using JobHome.Domain.Indicators;
using JobHome.Domain.People;
using JobHome.Grains.Indicators;
using JobHome.Grains.Sharding;
using JobHome.Grains.Tests.Fixtures;
using JobHome.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.Streams;

namespace JobHome.Grains.Tests.Indicators;

/// <summary>
/// Where an aggregator stores its record entries (<see cref="SiteSources"/>): a site without children keeps them in its
/// own row while they fit (a delivery is one write), moves them into the shards for good once they outgrow it or the
/// site gets a child, and a site with children keeps them in shards from the start; counts stay exact through every
/// move and a new activation counts the same from storage alone. Runs on every store.
/// </summary>
public abstract class SiteSourcesLayoutTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Delivery_LeafOutgrowsItsRow_EntriesMoveIntoShardsAndCountsStayExact()
    {
        var tree = await new TestNetwork(fixture).RegisterTreeAsync();
        var village = tree.Villages[0];
        var aggregator = fixture.Client.GetGrain<ISiteIndicatorsGrain>(village);
        var since = fixture.Today.AddDays(-20);
        var unemployed = IndicatorContribution.Person(LabourStatus.Unemployed, since, 0);
        var employed = IndicatorContribution.Person(LabourStatus.Employed, since, 1);
        var first = Enumerable.Range(0, 40).Select(_ => new IndicatorChange(TestNetwork.NewId("seeker/row"), 1, unemployed)).ToList();
        var expected = new IndicatorCounts();
        first.ForEach(c => expected.Apply(c.Contribution));

        await PublishAsync(village, first);
        Assert.True(await aggregator.WaitForOwnCountsAsync(expected, Patience));
        // A non-interleaving call queues behind the delivery: its writes are done once it answers.
        Assert.Equal(expected, await aggregator.GetCountsAsync());
        Assert.Equal(40, (await ReadRowAsync(aggregator)).Count);
        Assert.Empty(await ReadShardsAsync(aggregator));

        // 40 more: past SingleRowLimit, so the entries move into the shards after the delivery's own write.
        var second = Enumerable.Range(0, 40).Select(_ => new IndicatorChange(TestNetwork.NewId("seeker/row"), 1, unemployed)).ToList();
        second.ForEach(c => expected.Apply(c.Contribution));
        await PublishAsync(village, second);
        Assert.True(await aggregator.WaitForOwnCountsAsync(expected, Patience));
        Assert.Equal(expected, await aggregator.GetCountsAsync());
        Assert.Empty(await ReadRowAsync(aggregator));
        var shards = await ReadShardsAsync(aggregator);
        Assert.Equal(first.Concat(second).Select(c => c.SourceId).Order(StringComparer.Ordinal), shards.Keys.Order(StringComparer.Ordinal));

        // Changes after the move go to the shards, newest version winning; a new activation counts the same from storage.
        var changed = first.Take(5).Select(c => new IndicatorChange(c.SourceId, 2, employed)).ToList();
        foreach (var change in changed)
        {
            expected.Change(unemployed, employed);
        }
        await PublishAsync(village, changed);
        Assert.True(await aggregator.WaitForOwnCountsAsync(expected, Patience));
        Assert.Equal(expected, await aggregator.GetCountsAsync());
        await fixture.Cluster.DeactivateAsync(aggregator);
        Assert.Equal(expected, await aggregator.GetCountsAsync());
        shards = await ReadShardsAsync(aggregator);
        Assert.All(changed, c => Assert.Equal(2, shards[c.SourceId].Version));
        Assert.Empty(await ReadRowAsync(aggregator));
    }

    [Fact]
    public async Task ChildReport_LeafWithEntriesInItsRow_MovesThemIntoShardsAndCountsOwnPlusChild()
    {
        var tree = await new TestNetwork(fixture).RegisterTreeAsync();
        var village = tree.Villages[1];
        var aggregator = fixture.Client.GetGrain<ISiteIndicatorsGrain>(village);
        var since = fixture.Today.AddDays(-10);
        var own = new IndicatorCounts();
        var changes = Enumerable.Range(0, 3)
            .Select(_ => new IndicatorChange(TestNetwork.NewId("seeker/kid"), 1, IndicatorContribution.Person(LabourStatus.Employed, since, 0)))
            .ToList();
        changes.ForEach(c => own.Apply(c.Contribution));
        await PublishAsync(village, changes);
        Assert.True(await aggregator.WaitForOwnCountsAsync(own, Patience));
        Assert.Equal(own, await aggregator.GetCountsAsync());
        Assert.Equal(3, (await ReadRowAsync(aggregator)).Count);

        // The site gets a child (its row will hold the child's totals): its entries move into the shards first.
        var child = new IndicatorCounts();
        child.Apply(IndicatorContribution.Person(LabourStatus.Unemployed, since, 0));
        await aggregator.ReportChildAsync(TestNetwork.NewId("VKID"), 1, child);

        var all = own.Clone();
        all.Add(child);
        Assert.Equal(all, await aggregator.GetCountsAsync());
        Assert.Empty(await ReadRowAsync(aggregator));
        Assert.Equal(changes.Select(c => c.SourceId).Order(StringComparer.Ordinal),
            (await ReadShardsAsync(aggregator)).Keys.Order(StringComparer.Ordinal));
        await fixture.Cluster.DeactivateAsync(aggregator);
        Assert.Equal(all, await aggregator.GetCountsAsync());
    }

    [Fact]
    public async Task Delivery_SiteWithChildren_EntriesInShardsFromTheStart()
    {
        var tree = await new TestNetwork(fixture).RegisterTreeAsync();
        var township = tree.Ancestors[0];
        var aggregator = fixture.Client.GetGrain<ISiteIndicatorsGrain>(township);
        var expected = new IndicatorCounts();
        var changes = Enumerable.Range(0, 3)
            .Select(_ => new IndicatorChange(TestNetwork.NewId("post/town"), 1, IndicatorContribution.Post(openings: 4, taken: 1, closed: false)))
            .ToList();
        changes.ForEach(c => expected.Apply(c.Contribution));

        await PublishAsync(township, changes);
        Assert.True(await aggregator.WaitForOwnCountsAsync(expected, Patience));
        Assert.Equal(expected, await aggregator.GetCountsAsync());

        Assert.Empty(await ReadRowAsync(aggregator));
        Assert.Equal(changes.Select(c => c.SourceId).Order(StringComparer.Ordinal),
            (await ReadShardsAsync(aggregator)).Keys.Order(StringComparer.Ordinal));
    }

    private IGrainStorage Storage =>
        fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);

    // Published by the silo in one call: one queue message, so one delivery.
    private Task PublishAsync(string site, List<IndicatorChange> changes)
    {
        var streams = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IStreamProvider>(StorageNames.Streams);
        return streams.GetStream<IndicatorChange>(StreamId.Create(IndicatorStreams.Namespace, site)).OnNextBatchAsync(changes);
    }

    private async Task<Dictionary<string, SourceEntry>> ReadRowAsync(ISiteIndicatorsGrain aggregator)
    {
        var row = new GrainState<SiteIndicatorsState>(new SiteIndicatorsState());
        await Storage.ReadStateAsync("indicators", aggregator.GetGrainId(), row);
        return row.State?.Sources ?? [];
    }

    private async Task<Dictionary<string, SourceEntry>> ReadShardsAsync(ISiteIndicatorsGrain aggregator)
    {
        var entries = new Dictionary<string, SourceEntry>(StringComparer.Ordinal);
        for (var i = 0; i < ShardedMap<SourceEntry>.ShardCount; i++)
        {
            var shard = new GrainState<MapShard<SourceEntry>>(new MapShard<SourceEntry>());
            await Storage.ReadStateAsync($"indicator-sources-{i}", aggregator.GetGrainId(), shard);
            foreach (var (id, entry) in shard.State?.Entries ?? [])
            {
                Assert.True(entries.TryAdd(id, entry), $"{id} is stored once");
            }
        }
        return entries;
    }
}
