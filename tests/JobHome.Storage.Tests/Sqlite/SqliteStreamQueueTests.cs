using JobHome.Storage.Sqlite.Streams;

namespace JobHome.Storage.Tests.Sqlite;

/// <summary>
/// The stream queue below Orleans' pulling agent: publish, read, confirm, attempts and dead letters. No idle wait: a read
/// loop ends at the first empty page (the wait has its own tests: SqliteQueueWakeUpTests).
/// </summary>
public sealed class SqliteStreamQueueTests()
    : SqliteStreamTestBase(new SqliteStreamOptions { QueueCount = 1, MaxAttempts = 3, IdleWait = TimeSpan.Zero })
{
    [Fact]
    public async Task QueueMessageBatchAsync_ManyConcurrentPublishers_EveryPublishIsStoredInFewerCommits()
    {
        const int Publishers = 100;
        const int PerPublisher = 10;
        await Task.WhenAll(Enumerable.Range(0, Publishers).Select(async p =>
        {
            for (var i = 0; i < PerPublisher; i++)
            {
                await Adapter.QueueMessageBatchAsync(Stream($"s{p}"), new[] { p * 100 + i, -1 }, null, null);
            }
        }));

        Assert.Equal(Publishers * PerPublisher, Database.Scalar("SELECT count(*) FROM stream_queue"));
        Assert.True(Store.CommittedBatches < Publishers * PerPublisher, $"{Store.CommittedBatches} commits");
        var messages = await ReadAllAsync(NewReceiver());
        Assert.Equal(Publishers * PerPublisher * 2, messages.SelectMany(m => m.GetEvents<int>()).Count());
    }

    [Fact]
    public async Task GetQueueMessagesAsync_Batch_TokensFollowRowIdAndEventIndex()
    {
        await Adapter.QueueMessageBatchAsync(Stream("a"), new[] { 1, 2, 3 }, null, null);
        await Adapter.QueueMessageBatchAsync(Stream("a"), new[] { 4 }, null, null);

        var messages = await ReadAllAsync(NewReceiver());
        var events = messages.SelectMany(m => m.GetEvents<int>()).ToList();

        Assert.Equal([1, 2, 3, 4], events.Select(e => e.Item1));
        Assert.Equal([0, 1, 2, 0], events.Select(e => e.Item2.EventIndex));
        Assert.True(events[3].Item2.Newer(events[2].Item2));
    }

    [Fact]
    public async Task MessagesDeliveredAsync_ConfirmedRows_AreNotReadAgainAfterARestart()
    {
        await Adapter.QueueMessageBatchAsync(Stream("a"), new[] { 1 }, null, null);
        await Adapter.QueueMessageBatchAsync(Stream("a"), new[] { 2 }, null, null);
        var receiver = NewReceiver();
        var messages = await ReadAllAsync(receiver);
        await receiver.MessagesDeliveredAsync([messages[0]], CancellationToken.None);

        // A new receiver is what a restarted silo gets: it starts from the oldest unconfirmed row.
        var again = await ReadAllAsync(NewReceiver());

        Assert.Equal([2], again.SelectMany(m => m.GetEvents<int>()).Select(e => e.Item1));
    }

    [Fact]
    public async Task GetQueueMessagesAsync_MessageReadMaxAttemptsTimesWithoutConfirmation_IsDeadLettered()
    {
        await Adapter.QueueMessageBatchAsync(Stream("a"), new[] { 13 }, null, null);
        for (var attempt = 1; attempt <= Options.MaxAttempts; attempt++)
        {
            // Each new receiver stands for a silo that read the message and died before confirming it.
            Assert.Single(await ReadAllAsync(NewReceiver()));
        }

        Assert.Empty(await ReadAllAsync(NewReceiver()));
        Assert.Equal(0, Database.Scalar("SELECT count(*) FROM stream_queue"));
        Assert.Equal(Options.MaxAttempts, Database.Scalar("SELECT attempts FROM stream_dead_letters"));
    }

    [Fact]
    public async Task GetQueueMessagesAsync_FirstReadOfARowPublishedByThisProcess_CommitsNothingBeforeDelivery()
    {
        await Adapter.QueueMessageBatchAsync(Stream("a"), new[] { 5 }, null, null);
        var commits = Store.CommittedBatches;

        var page = await NewReceiver().GetQueueMessagesAsync(100, CancellationToken.None);

        Assert.Single(page);
        Assert.Equal(commits, Store.CommittedBatches);
        // The read is counted all the same: the enqueue stored it.
        Assert.Equal(1, Database.Scalar("SELECT attempts FROM stream_queue"));
    }

    [Fact]
    public async Task GetQueueMessagesAsync_RowLeftByAnEarlierProcess_IsCountedBeforeDelivery()
    {
        await Adapter.QueueMessageBatchAsync(Stream("a"), new[] { 6 }, null, null);
        await ReopenAsync();
        var commits = Store.CommittedBatches;

        var page = await NewReceiver().GetQueueMessagesAsync(100, CancellationToken.None);

        Assert.Single(page);
        Assert.Equal(commits + 1, Store.CommittedBatches);
        Assert.Equal(2, Database.Scalar("SELECT attempts FROM stream_queue"));
    }
}
