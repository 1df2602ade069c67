using System.Diagnostics.Metrics;
using JobHome.Domain.Indicators;
using JobHome.Domain.People;
using JobHome.Grains.Indicators;
using JobHome.Grains.Sharding;
using JobHome.Grains.Tests.Fixtures;
using JobHome.Storage;
using JobHome.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;

namespace JobHome.Grains.Tests.Indicators;

/// <summary>
/// On the embedded store the aggregator's shard writes carry the delivery's acknowledgement: a delivery that touches
/// many shards still deletes its queue row in the transaction of its last shard write (the grain names as many writes
/// as <see cref="ShardedMap{TValue}"/> makes; a mismatch would leave the row to the agent and this counter unmoved).
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class IndicatorAcknowledgementTests(SqliteClusterFixture fixture) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly MeterListener _listener = new();
    private long _acknowledged;
    private long _repeats;

    [Fact]
    public async Task OnNextAsync_DeliveryTouchingManyShardsWithRepeats_RowAcknowledgedWithTheShardWritesAndRepeatsCounted()
    {
        Listen();
        var tree = await new TestNetwork(fixture).RegisterTreeAsync();
        var village = tree.Villages[1];
        var person = IndicatorContribution.Person(LabourStatus.Unemployed, fixture.Today.AddDays(-5), 0);
        var changes = Enumerable.Range(0, 48).Select(_ => new IndicatorChange(TestNetwork.NewId("seeker/ack"), 1, person)).ToList();
        var shards = changes.Select(c => ShardedMap<SourceEntry>.ShardOf(c.SourceId)).Distinct().Count();
        Assert.True(shards > 1, $"{shards} shard");
        changes.Add(changes[0]);
        var expected = new IndicatorCounts();
        foreach (var change in changes.Take(48))
        {
            expected.Apply(change.Contribution);
        }

        // One queue row (one publish call) for the whole delivery.
        var streams = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IStreamProvider>(StorageNames.Streams);
        await streams.GetStream<IndicatorChange>(StreamId.Create(IndicatorStreams.Namespace, village)).OnNextBatchAsync(changes);

        var aggregator = fixture.Client.GetGrain<ISiteIndicatorsGrain>(village);
        Assert.True(await aggregator.WaitForOwnCountsAsync(expected, Patience));
        Assert.True(Interlocked.Read(ref _acknowledged) >= 1, "no queue row was deleted with the aggregator's shard writes");
        Assert.True(Interlocked.Read(ref _repeats) >= 1, "the repeated change was not counted");
    }

    public void Dispose() => _listener.Dispose();

    private void Listen()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name is SqliteMetrics.AcknowledgedName or IndicatorMetrics.RepeatsName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == SqliteMetrics.AcknowledgedName)
            {
                Interlocked.Add(ref _acknowledged, value);
            }
            else
            {
                Interlocked.Add(ref _repeats, value);
            }
        });
        _listener.Start();
    }
}
