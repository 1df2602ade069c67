using System.Diagnostics.Metrics;
using JobHome.Domain.Indicators;
using JobHome.Domain.People;
using JobHome.Grains.Indicators;
using JobHome.Grains.Sharding;
using JobHome.Grains.Tests.Fixtures;
using JobHome.Storage;
using JobHome.Storage.Sqlite;
using JobHome.Storage.Streams;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;

namespace JobHome.Grains.Tests.Indicators;

/// <summary>
/// On the embedded store the aggregator's shard writes carry the delivery's acknowledgement: a delivery that touches
/// many shards still deletes its queue row in the transaction of its last shard write (the grain names as many writes
/// as <see cref="ShardedMap{TValue}"/> makes). Exact counts for this delivery: no acknowledgement scope anywhere joined
/// a different number of writes than it named (one fewer or one more is counted, and throws in Debug), its one row is gone
/// from the queue once the delivery's turn is over and none was dead-lettered (read from the store: the acknowledgement
/// counter is the process's, and test collections with silos of their own run alongside), and
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
    public async Task OnNextAsync_DeliveryTouchingManyShardsWithRepeats_RowAcknowledgedWithTheShardWritesAndRepeatsCounted()
    {
        var tree = await new TestNetwork(fixture).RegisterTreeAsync();
        var village = tree.Villages[1];
        var person = IndicatorContribution.Person(LabourStatus.Unemployed, fixture.Today.AddDays(-5), 0);
        var changes = Enumerable.Range(0, 48)
            .Select(_ => new IndicatorChange(TestNetwork.NewId("seeker/ack"), 1, person, SiteCode: village)).ToList();
        var shards = changes.Select(c => ShardedMap<SourceEntry>.ShardOf(SiteIndicatorsGrain.MemberKey(village, c.SourceId)))
            .Distinct().Count();
        Assert.True(shards > 1, $"{shards} shard");
        changes.Add(changes[0]);
        var expected = new IndicatorCounts();
        foreach (var change in changes.Take(48))
        {
            expected.Apply(change.Contribution);
        }

        Listen();

        // One queue row (one publish call) for the whole delivery, carrying this test's marker to the delivery.
        var streams = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IStreamProvider>(StorageNames.Streams);
        RequestContext.Set(MarkerKey, _marker);
        try
        {
            // On the township's stream, as the village's records publish: the township stores and acknowledges them.
            await streams.GetStream<IndicatorChange>(StreamId.Create(IndicatorStreams.Namespace, tree.Ancestors[0]))
                .OnNextBatchAsync(changes);
        }
        finally
        {
            RequestContext.Remove(MarkerKey);
        }

        var aggregator = fixture.Client.GetGrain<ISiteIndicatorsGrain>(village);
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
        // The delivery's turn stores the shards and deletes the row in the last shard write's transaction; a read-only call
        // queues behind that turn, so once it answers the row must be gone from the queue (and nothing dead-lettered).
        await fixture.Client.GetGrain<ISiteIndicatorsGrain>(tree.Ancestors[0]).GetCountsAsync();
        Assert.Equal(0, await QueueRowsAsync("stream_queue", tree.Ancestors[0]));
        Assert.Equal(0, await QueueRowsAsync("stream_dead_letters", tree.Ancestors[0]));
        // At least this delivery's row was acknowledged (the counter is the process's: other collections' silos run alongside).
        Assert.True(Interlocked.Read(ref _acknowledged) >= 1, "no queue row was acknowledged");
        Assert.Equal(1, Interlocked.Read(ref _repeats));
    }

    // Rows of the township's stream in one of the queue's tables.
    private async Task<long> QueueRowsAsync(string table, string township)
    {
        await using var connection = new SqliteConnection($"Data Source={fixture.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table} WHERE stream_id LIKE $stream";
        command.Parameters.AddWithValue("$stream", "%" + township + "%");
        return (long)(await command.ExecuteScalarAsync())!;
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
