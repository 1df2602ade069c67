using JobHome.Storage.Sqlite;
using JobHome.Storage.Sqlite.Streams;
using JobHome.Storage.Streams;
using Orleans.Storage;

namespace JobHome.Storage.Tests.Sqlite;

/// <summary>
/// A publisher's state write carries its stream events (<see cref="StreamOutbox"/>): the storage takes them before it
/// serializes the state (the publisher marks them published in that state), and inserts the rows the provider's publish
/// would have inserted, in the state's transaction: both commit or neither does. A store disposed right after the write
/// stands for a silo killed there: the next process delivers exactly those rows. Several queues: the rows must land in
/// the queue the provider's mapping picks for each stream.
/// </summary>
public sealed class SqliteStreamOutboxTests()
    : SqliteStreamTestBase(new SqliteStreamOptions { QueueCount = 4, MaxAttempts = 5, IdleWait = TimeSpan.Zero })
{
    [Fact]
    public async Task WriteStateAsync_OutboxOfTheWritingGrain_StateAndThePublishesRowsCommitInOneWrite()
    {
        // What the provider's own publishes insert, for comparison (then removed).
        await Adapter.QueueMessageBatchAsync(Stream("a"), new object[] { 5 }, null, null);
        await Adapter.QueueMessageBatchAsync(Stream("b"), new object[] { 6 }, null, null);
        var published = Rows();
        await Store.WriteAsync(context => { SqliteStreamQueue.Delete(context, published[0].Id); SqliteStreamQueue.Delete(context, published[1].Id); return 0; });
        var queueA = (int)Queues.Mapper.GetQueueForStream(Stream("a")).GetNumericId();
        var queueB = (int)Queues.Mapper.GetQueueForStream(Stream("b")).GetNumericId();
        var signalsBefore = (A: Queues.Signals.For(queueA).Version, B: Queues.Signals.For(queueB).Version);
        var (batches, operations) = (Store.CommittedBatches, Store.CommittedOperations);

        var state = new TestGrainState<CounterState> { State = { Value = 1 } };
        StreamOutbox outbox;
        using (var scope = StreamOutbox.Begin(Provider, Grain(1), [new(Stream("a"), 5), new(Stream("b"), 6)],
            () => state.State.Value = 42))
        {
            outbox = scope.Outbox;
            await Storage.WriteStateAsync("counter", Grain(1), state);
        }

        // One write: the state (with what the taken action set) and both rows, in one transaction.
        Assert.Equal((batches + 1, operations + 1), (Store.CommittedBatches, Store.CommittedOperations));
        Assert.True(outbox.Taken);
        Assert.True(outbox.Committed);
        Assert.Equal(42, await ReadValueAsync(1));
        var carried = Rows();
        Assert.Equal(published.Select(r => (r.Queue, r.Stream, r.Attempts)), carried.Select(r => (r.Queue, r.Stream, r.Attempts)));
        Assert.Equal(published[0].Payload, carried[0].Payload);
        Assert.Equal(published[1].Payload, carried[1].Payload);
        Assert.Equal((queueA, queueB), (carried[0].Queue, carried[1].Queue));
        // Each queue's receiver was woken by the commit, as by a publish's own.
        Assert.True(Queues.Signals.For(queueA).Version > signalsBefore.A);
        Assert.True(Queues.Signals.For(queueB).Version > signalsBefore.B);

        // Delivered as published rows are: each from its queue, in order, with its event.
        var delivered = new List<int>();
        foreach (var queue in Factory.GetStreamQueueMapper().GetAllQueues())
        {
            foreach (var message in await TestQueues.ReadAllAsync(Adapter.CreateReceiver(queue)))
            {
                delivered.AddRange(message.GetEvents<int>().Select(e => e.Item1));
            }
        }

        Assert.Equal([5, 6], delivered.Order());
    }

    [Fact]
    public async Task WriteStateAsync_StaleETag_NeitherStateNorRows()
    {
        await WriteAsync(1, 1);
        var state = new TestGrainState<CounterState> { ETag = "99", State = { Value = 5 } };
        StreamOutbox outbox;
        using (var scope = StreamOutbox.Begin(Provider, Grain(1), [new(Stream("a"), 5)], () => { }))
        {
            outbox = scope.Outbox;
            await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("counter", Grain(1), state));
        }

        // Taken (the publisher must treat the events as unpublished again), never committed.
        Assert.True(outbox.Taken);
        Assert.False(outbox.Committed);
        Assert.Empty(Rows());
        Assert.Equal(1, await ReadValueAsync(1));
    }

    [Fact]
    public async Task WriteStateAsync_AnotherWriteOfTheBatchFails_RowsInsertedOnceWithTheRetriedBatch()
    {
        var inFirstBatch = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        var blocker = Store.WriteAsync(_ =>
        {
            inFirstBatch.SetResult();
            release.Wait();
            return 0;
        });
        await inFirstBatch.Task;

        Task write;
        using (StreamOutbox.Begin(Provider, Grain(1), [new(Stream("a"), 5), new(Stream("b"), 6)], () => { }))
        {
            write = WriteAsync(1, 3);
        }

        // Queued after the outbox's write in the same batch: its throw rolls back the rows inserted before it.
        var failing = Store.WriteAsync<int>(_ => throw new InvalidOperationException("a failing write"));
        release.Set();
        await blocker;
        await write;
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);

        Assert.Equal(2, Rows().Count);
        Assert.Equal(3, await ReadValueAsync(1));
    }

    [Fact]
    public async Task WriteStateAsync_AnotherGrainsWriteOrAnotherProvider_NotTakenAndTheActionDoesNotRun()
    {
        var runs = 0;
        StreamOutbox other, elsewhere;
        using (var scope = StreamOutbox.Begin(Provider, Grain(2), [new(Stream("a"), 5)], () => runs++))
        {
            other = scope.Outbox;
            await WriteAsync(1, 3);
        }

        using (var scope = StreamOutbox.Begin("memory", Grain(3), [new(Stream("a"), 5)], () => runs++))
        {
            elsewhere = scope.Outbox;
            await WriteAsync(3, 4);
        }

        Assert.Null(StreamOutbox.Current);
        Assert.Equal(0, runs);
        Assert.False(other.Taken || elsewhere.Taken);
        Assert.Empty(Rows());
        Assert.Equal((3L, 4L), (await ReadValueAsync(1), await ReadValueAsync(3)));
    }

    [Fact]
    public async Task WriteStateAsync_CarriedThenKilledBeforeAnyDelivery_TheNextProcessDeliversTheRowsOnce()
    {
        using (StreamOutbox.Begin(Provider, Grain(1), [new(Stream("a"), 5), new(Stream("a"), 6)], () => { }))
        {
            await WriteAsync(1, 7);
        }

        await ReopenAsync();

        var queue = Queues.Mapper.GetQueueForStream(Stream("a"));
        var receiver = Adapter.CreateReceiver(queue);
        var delivered = await TestQueues.ReadAllAsync(receiver);
        Assert.Equal([5, 6], delivered.SelectMany(m => m.GetEvents<int>()).Select(e => e.Item1));
        await receiver.MessagesDeliveredAsync(delivered, CancellationToken.None);
        Assert.Empty(Rows());
        Assert.Equal(7, await ReadValueAsync(1));
    }

    private List<(long Id, int Queue, string Stream, byte[] Payload, long Attempts)> Rows()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Database.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, queue_id, stream_id, payload, attempts FROM stream_queue ORDER BY id";
        using var reader = command.ExecuteReader();
        var rows = new List<(long, int, string, byte[], long)>();
        while (reader.Read())
        {
            rows.Add((reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), (byte[])reader.GetValue(3), reader.GetInt64(4)));
        }

        return rows;
    }
}
