using JobHome.Storage.Sqlite.Streams;
using JobHome.Storage.Streams;
using Orleans.Providers.Streams.Common;
using Orleans.Storage;

namespace JobHome.Storage.Tests.Sqlite;

/// <summary>
/// A consumer's state writes carry the acknowledgement of the rows it was delivered (<see cref="StreamAcknowledgement"/>):
/// the rows go in the transaction of the group's last write, or not at all. A store disposed without the agent's
/// confirmation stands for a silo killed right after the consumer's write: a new store (process) on the file then reads
/// nothing already stored and everything not stored.
/// </summary>
public sealed class SqliteStreamAcknowledgementTests()
    : SqliteStreamTestBase(new SqliteStreamOptions { QueueCount = 1, MaxAttempts = 5, IdleWait = TimeSpan.Zero })
{
    [Fact]
    public async Task WriteStateAsync_TwoWritesCarryTheAcknowledgement_RowsGoWithTheLastWriteAndTheConfirmationWritesNothing()
    {
        var (receiver, delivered) = await PublishAndReadAsync(3);
        var inFirstBatch = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        var blocker = Store.WriteAsync(_ =>
        {
            inFirstBatch.SetResult();
            release.Wait();
            return 0;
        });
        await inFirstBatch.Task;
        var batches = Store.CommittedBatches;

        Task writes;
        using (StreamAcknowledgement.Begin(Tokens(delivered), writes: 2))
        {
            // As ShardedMap writes two shards: both queued before either commits.
            writes = Task.WhenAll(WriteAsync(1, 10), WriteAsync(2, 20));
        }

        Assert.Equal(3, Database.Scalar("SELECT count(*) FROM stream_queue"));
        release.Set();
        await blocker;
        await writes;

        // One transaction after the blocker's: both states and the rows' deletes.
        Assert.Equal(batches + 2, Store.CommittedBatches);
        Assert.Equal(0, Database.Scalar("SELECT count(*) FROM stream_queue"));
        Assert.Equal(2, Database.Scalar("SELECT count(*) FROM grain_state WHERE payload IS NOT NULL"));
        var operations = Store.CommittedOperations;
        await receiver.MessagesDeliveredAsync(delivered, CancellationToken.None);
        Assert.Equal(operations, Store.CommittedOperations);
        Assert.Equal(0, Store.HandedOutCount);
    }

    [Fact]
    public async Task WriteStateAsync_AcknowledgedThenKilledBeforeTheConfirmation_NothingIsDeliveredAgain()
    {
        var (_, delivered) = await PublishAndReadAsync(4);
        using (StreamAcknowledgement.Begin(Tokens(delivered), writes: 1))
        {
            await WriteAsync(1, 7);
        }

        await ReopenAsync();

        Assert.Empty(await ReadAllAsync(NewReceiver()));
        Assert.Equal(7, await ReadValueAsync(1));
    }

    [Fact]
    public async Task WriteStateAsync_AnEarlierWriteOfTheGroupRefused_NoRowIsAcknowledgedAndAllAreDeliveredAgain()
    {
        await WriteAsync(1, 1);
        var (_, delivered) = await PublishAndReadAsync(3);
        Task stale, fresh;
        using (StreamAcknowledgement.Begin(Tokens(delivered), writes: 2))
        {
            stale = Storage.WriteStateAsync("counter", Grain(1), new TestGrainState<CounterState> { ETag = "99", State = { Value = 5 } });
            fresh = WriteAsync(2, 6);
        }

        await Assert.ThrowsAsync<InconsistentStateException>(() => stale);
        await fresh;
        Assert.Equal(3, Database.Scalar("SELECT count(*) FROM stream_queue"));

        // Killed before the agent confirmed: the next process gets every row again (nothing lost), and the consumer's
        // stored state shows which of them it applied (nothing applied twice: its dedupe is by what it stored).
        await ReopenAsync();
        var again = await ReadAllAsync(NewReceiver());
        Assert.Equal(delivered.Select(Id), again.Select(Id));
        Assert.Equal(1, await ReadValueAsync(1));
    }

    [Fact]
    public async Task WriteStateAsync_FewerWritesThanTheGroupNamed_NothingIsAcknowledgedAndTheAgentConfirms()
    {
        var (receiver, delivered) = await PublishAndReadAsync(2);
        var scope = StreamAcknowledgement.Begin(Tokens(delivered), writes: 2);
        await WriteAsync(1, 3);
        // A caller's bug: the scope's end says so (thrown in Debug builds, counted in either).
#if DEBUG
        Assert.Throws<InvalidOperationException>(scope.Dispose);
#else
        scope.Dispose();
#endif
        Assert.Null(StreamAcknowledgement.Current);

        Assert.Equal(2, Database.Scalar("SELECT count(*) FROM stream_queue"));
        await receiver.MessagesDeliveredAsync(delivered, CancellationToken.None);
        Assert.Equal(0, Database.Scalar("SELECT count(*) FROM stream_queue"));
        Assert.Equal(0, Store.HandedOutCount);
    }

    [Fact]
    public async Task WriteStateAsync_TokensOfRowsThisStoreDidNotHandOut_DeleteNothing()
    {
        await Adapter.QueueMessageBatchAsync(Stream("a"), new[] { 1 }, null, null);
        var id = Database.Scalar("SELECT id FROM stream_queue");
        using (StreamAcknowledgement.Begin([new EventSequenceTokenV2(id)], writes: 1))
        {
            await WriteAsync(1, 3);
        }

        Assert.Equal(1, Database.Scalar("SELECT count(*) FROM stream_queue"));
    }

    private async Task<(IQueueAdapterReceiver Receiver, List<IBatchContainer> Delivered)> PublishAndReadAsync(int rows)
    {
        for (var i = 0; i < rows; i++)
        {
            await Adapter.QueueMessageBatchAsync(Stream("s" + i), new[] { i, i + 100 }, null, null);
        }

        var receiver = NewReceiver();
        var delivered = await ReadAllAsync(receiver);
        Assert.Equal(rows, delivered.Count);
        return (receiver, delivered);
    }

    private static IEnumerable<StreamSequenceToken> Tokens(List<IBatchContainer> delivered) =>
        delivered.SelectMany(m => m.GetEvents<int>()).Select(e => e.Item2);

    private static long Id(IBatchContainer message) => message.SequenceToken.SequenceNumber;
}
