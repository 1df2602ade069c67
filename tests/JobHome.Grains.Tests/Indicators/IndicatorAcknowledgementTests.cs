using System.Diagnostics.Metrics;
using JobHome.Domain.Indicators;
using JobHome.Domain.People;
using JobHome.Grains.Indicators;
using JobHome.Grains.Sharding;
using JobHome.Grains.Tests.Fixtures;
using JobHome.Storage;
using JobHome.Storage.Sqlite;
using JobHome.Storage.Streams;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.Streams;

namespace JobHome.Grains.Tests.Indicators;

/// <summary>
/// On the embedded store the aggregator's entry writes carry the delivery's acknowledgement: at a site keeping its
/// entries in its own row the delivery's one write deletes its queue row; at a site keeping them in shards a delivery
/// that touches many shards still deletes it in the transaction of its last shard write (the grain names as many writes
/// as <see cref="SiteSources"/> makes). Exact counts for this delivery: no acknowledgement scope anywhere joined
/// a different number of writes than it named (one fewer or one more is counted, and throws in Debug), exactly its one
/// row was acknowledged (the SQLite collection runs its tests one at a time and counting starts at the publish), and
/// exactly its one repeated change was counted by the aggregator (measured only under this publish's request context,
/// which the queue row carries to the delivery, so a republish elsewhere cannot satisfy it).
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class IndicatorAcknowledgementTests(SqliteClusterFixture fixture) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly MeterListener _listener = new();
    private const string MarkerKey = "jobhome.test.indicator-acknowledgement";
    private readonly string _marker = Guid.NewGuid().ToString("N");
    private long _acknowledged;
    private long _repeats;
    private long _mismatches;

    [Fact]
    public Task OnNextAsync_DeliveryAtASiteKeepingItsEntriesInItsRow_RowAcknowledgedWithTheOneWriteAndRepeatsCounted() =>
        DeliverAndCountAsync(inShards: false);

    [Fact]
    public Task OnNextAsync_DeliveryTouchingManyShardsWithRepeats_RowAcknowledgedWithTheShardWritesAndRepeatsCounted() =>
        DeliverAndCountAsync(inShards: true);

    private async Task DeliverAndCountAsync(bool inShards)
    {
        var tree = await new TestNetwork(fixture).RegisterTreeAsync();
        var village = tree.Villages[1];
        var person = IndicatorContribution.Person(LabourStatus.Unemployed, fixture.Today.AddDays(-5), 0);
        var streams = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IStreamProvider>(StorageNames.Streams);
        var stream = streams.GetStream<IndicatorChange>(StreamId.Create(IndicatorStreams.Namespace, village));
        var aggregator = fixture.Client.GetGrain<ISiteIndicatorsGrain>(village);
        var expected = new IndicatorCounts();
        if (inShards)
        {
            // More records than a site keeps in its row: they move into the shards, which every later delivery writes.
            var before = Enumerable.Range(0, SiteSources.SingleRowLimit + 1)
                .Select(_ => new IndicatorChange(TestNetwork.NewId("seeker/ack0"), 1, person)).ToList();
            before.ForEach(c => expected.Apply(c.Contribution));
            await stream.OnNextBatchAsync(before);
            Assert.True(await aggregator.WaitForOwnCountsAsync(expected, Patience));
            // A non-interleaving call queues behind the delivery: its writes and acknowledgement are done once it answers.
            Assert.Equal(expected, await aggregator.GetCountsAsync());
            var row = new GrainState<SiteIndicatorsState>(new SiteIndicatorsState());
            await fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default)
                .ReadStateAsync("indicators", aggregator.GetGrainId(), row);
            Assert.Empty(row.State!.Sources);
        }
        var changes = Enumerable.Range(0, 48).Select(_ => new IndicatorChange(TestNetwork.NewId("seeker/ack"), 1, person)).ToList();
        var shards = changes.Select(c => ShardedMap<SourceEntry>.ShardOf(c.SourceId)).Distinct().Count();
        Assert.True(shards > 1, $"{shards} shard");
        changes.Add(changes[0]);
        foreach (var change in changes.Take(48))
        {
            expected.Apply(change.Contribution);
        }

        Listen();

        // One queue row (one publish call) for the whole delivery, carrying this test's marker to the delivery.
        RequestContext.Set(MarkerKey, _marker);
        try
        {
            await stream.OnNextBatchAsync(changes);
        }
        finally
        {
            RequestContext.Remove(MarkerKey);
        }

        bool applied;
        try
        {
            applied = await aggregator.WaitForOwnCountsAsync(expected, Patience);
        }
        catch (TimeoutException)
        {
            // The activation holding the wait was deactivated by a failed delivery.
            applied = false;
        }

        // First, so a grain naming one write fewer or more fails here (its scope's end throws in Debug, and the redelivery
        // can keep the counts from settling).
        Assert.Equal(0, Interlocked.Read(ref _mismatches));
        Assert.True(applied);
        Assert.Equal(1, Interlocked.Read(ref _acknowledged));
        Assert.Equal(1, Interlocked.Read(ref _repeats));
    }

    public void Dispose() => _listener.Dispose();

    private void Listen()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name is SqliteMetrics.AcknowledgedName or IndicatorMetrics.RepeatsName
                or StreamAcknowledgement.MismatchesName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            switch (instrument.Name)
            {
                case SqliteMetrics.AcknowledgedName:
                    Interlocked.Add(ref _acknowledged, value);
                    break;
                case StreamAcknowledgement.MismatchesName:
                    Interlocked.Add(ref _mismatches, value);
                    break;
                // Repeats are counted in the aggregator's turn, under the delivery's request context.
                case IndicatorMetrics.RepeatsName when RequestContext.Get(MarkerKey) as string == _marker:
                    Interlocked.Add(ref _repeats, value);
                    break;
                default:
                    break;
            }
        });
        _listener.Start();
    }
}
