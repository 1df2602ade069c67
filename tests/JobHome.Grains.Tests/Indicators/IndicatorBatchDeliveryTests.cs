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
/// The aggregator consumes its stream as a batch observer: many changes in one delivery are applied newest-version-wins
/// and stored (in the journal row, or the touched shards on a fold) before the delivery returns (the queue is confirmed only then). A village's changes
/// travel on its township's stream and are stored by the township. Runs on every store.
/// </summary>
public abstract class IndicatorBatchDeliveryTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task OnNextBatchAsync_ManyChangesWithRepeatsAndStaleVersions_NewestCountedAndStored() =>
        await DeliverAndCheckAsync(onTownshipStream: true);

    /// <summary>
    /// Events a village's own stream still carries (queued before township streams, no site named): the village's
    /// aggregator forwards them to its township, which stores them as that village's entries, newest version winning.
    /// </summary>
    [Fact]
    public async Task OnNextBatchAsync_OnTheVillagesOwnStream_ForwardedToTheTownshipAndStoredThere() =>
        await DeliverAndCheckAsync(onTownshipStream: false);

    private async Task DeliverAndCheckAsync(bool onTownshipStream)
    {
        var tree = await new TestNetwork(fixture).RegisterTreeAsync();
        var village = tree.Villages[0];
        var township = tree.Ancestors[0];
        var since = fixture.Today.AddDays(-20);
        var employed = IndicatorContribution.Person(LabourStatus.Employed, since, 1);
        var unemployed = IndicatorContribution.Person(LabourStatus.Unemployed, since, 0);
        var random = new Random(20261130);
        var changes = new List<IndicatorChange>();
        var newest = new Dictionary<string, IndicatorChange>(StringComparer.Ordinal);
        var site = onTownshipStream ? village : null;
        for (var i = 0; i < 40; i++)
        {
            var id = TestNetwork.NewId("seeker/batch");
            var versions = random.Next(1, 4);
            for (var v = 1; v <= versions; v++)
            {
                var change = new IndicatorChange(id, v, v % 2 == 1 ? unemployed : employed, SiteCode: site);
                changes.Add(change);
                newest[id] = change;
            }
            // A repeat and, for some, the first version again after the newest: both must change nothing.
            changes.Add(newest[id]);
            if (versions > 1)
            {
                changes.Add(new IndicatorChange(id, 1, unemployed, SiteCode: site));
            }
        }
        var expected = new IndicatorCounts();
        foreach (var change in newest.Values)
        {
            expected.Apply(change.Contribution);
        }

        // Published by the silo in one call: one queue message, so one delivery of every change above.
        var streams = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IStreamProvider>(StorageNames.Streams);
        var stream = StreamId.Create(IndicatorStreams.Namespace, onTownshipStream ? township : village);
        await streams.GetStream<IndicatorChange>(stream).OnNextBatchAsync(changes);

        var aggregator = fixture.Client.GetGrain<ISiteIndicatorsGrain>(village);
        Assert.True(await aggregator.WaitForOwnCountsAsync(expected, Patience));
        // The township's own records are not the village's.
        Assert.True(await fixture.Client.GetGrain<ISiteIndicatorsGrain>(township).WaitForOwnCountsAsync(new IndicatorCounts(),
            TimeSpan.Zero));
        // The wait interleaves and sees the counts as soon as they are in memory, before the delivery's shard write
        // commits; a read-only call queues behind that turn, so once it answers the entries are stored.
        await fixture.Client.GetGrain<ISiteIndicatorsGrain>(township).GetCountsAsync();
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var stored = await StoredEntriesAsync(storage, fixture.Client.GetGrain<ISiteIndicatorsGrain>(township).GetGrainId());
        Assert.Equal(newest.Keys.Select(id => SiteIndicatorsGrain.MemberKey(village, id)).Order(StringComparer.Ordinal),
            stored.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, change) in newest)
        {
            var entry = stored[SiteIndicatorsGrain.MemberKey(village, id)];
            Assert.Equal(change.Version, entry.Version);
            Assert.Equal(change.Contribution, entry.ToContribution());
        }
        // The village's aggregator stores nothing of its own.
        Assert.Empty(await StoredEntriesAsync(storage, aggregator.GetGrainId()));

        // New activations count from storage alone.
        await fixture.Cluster.DeactivateAsync(aggregator);
        await fixture.Cluster.DeactivateAsync(fixture.Client.GetGrain<ISiteIndicatorsGrain>(township));
        Assert.Equal(expected, await aggregator.GetCountsAsync());
    }

    // The stored entries: the base shards with the journal's current entries applied.
    private static Task<Dictionary<string, SourceEntry>> StoredEntriesAsync(IGrainStorage storage, GrainId grainId) =>
        JournaledShardedMap<SourceEntry>.ReadStoredAsync(storage, grainId, SiteIndicatorsGrain.SourcesStateName);
}
