using JobHome.Storage.Sqlite;
using JobHome.Storage.Sqlite.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;

namespace JobHome.Storage.Tests.Sqlite;

/// <summary>The stream queue below Orleans' pulling agent: publish, read, confirm, attempts and dead letters.</summary>
public sealed class SqliteStreamQueueTests : IAsyncLifetime
{
    private const string Provider = "jobhome";
    private readonly SqliteTestFile _file = new();
    // No idle wait: a read loop ends at the first empty page (the wait has its own tests: SqliteQueueWakeUpTests).
    private readonly SqliteStreamOptions _options = new() { QueueCount = 1, MaxAttempts = 3, IdleWait = TimeSpan.Zero };
    private SqliteStore _store = null!;
    private SqliteQueueAdapterFactory _factory = null!;
    private IQueueAdapter _adapter = null!;

    public async Task InitializeAsync()
    {
        _store = _file.OpenStore();
        await OpenAdapterAsync();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _file.Dispose();
    }

    [Fact]
    public async Task QueueMessageBatchAsync_ManyConcurrentPublishers_EveryPublishIsStoredInFewerCommits()
    {
        const int Publishers = 100;
        const int PerPublisher = 10;
        await Task.WhenAll(Enumerable.Range(0, Publishers).Select(async p =>
        {
            for (var i = 0; i < PerPublisher; i++)
            {
                await _adapter.QueueMessageBatchAsync(Stream($"s{p}"), new[] { p * 100 + i, -1 }, null, null);
            }
        }));

        Assert.Equal(Publishers * PerPublisher, _file.Scalar("SELECT count(*) FROM stream_queue"));
        Assert.True(_store.CommittedBatches < Publishers * PerPublisher, $"{_store.CommittedBatches} commits");
        var messages = await ReadAllAsync(NewReceiver());
        Assert.Equal(Publishers * PerPublisher * 2, messages.SelectMany(m => m.GetEvents<int>()).Count());
    }

    [Fact]
    public async Task GetQueueMessagesAsync_Batch_TokensFollowRowIdAndEventIndex()
    {
        await _adapter.QueueMessageBatchAsync(Stream("a"), new[] { 1, 2, 3 }, null, null);
        await _adapter.QueueMessageBatchAsync(Stream("a"), new[] { 4 }, null, null);

        var messages = await ReadAllAsync(NewReceiver());
        var events = messages.SelectMany(m => m.GetEvents<int>()).ToList();

        Assert.Equal([1, 2, 3, 4], events.Select(e => e.Item1));
        Assert.Equal([0, 1, 2, 0], events.Select(e => e.Item2.EventIndex));
        Assert.True(events[3].Item2.Newer(events[2].Item2));
    }

    [Fact]
    public async Task MessagesDeliveredAsync_ConfirmedRows_AreNotReadAgainAfterARestart()
    {
        await _adapter.QueueMessageBatchAsync(Stream("a"), new[] { 1 }, null, null);
        await _adapter.QueueMessageBatchAsync(Stream("a"), new[] { 2 }, null, null);
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
        await _adapter.QueueMessageBatchAsync(Stream("a"), new[] { 13 }, null, null);
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            // Each new receiver stands for a silo that read the message and died before confirming it.
            Assert.Single(await ReadAllAsync(NewReceiver()));
        }

        Assert.Empty(await ReadAllAsync(NewReceiver()));
        Assert.Equal(0, _file.Scalar("SELECT count(*) FROM stream_queue"));
        Assert.Equal(_options.MaxAttempts, _file.Scalar("SELECT attempts FROM stream_dead_letters"));
    }

    [Fact]
    public async Task GetQueueMessagesAsync_FirstReadOfARowPublishedByThisProcess_CommitsNothingBeforeDelivery()
    {
        await _adapter.QueueMessageBatchAsync(Stream("a"), new[] { 5 }, null, null);
        var commits = _store.CommittedBatches;

        var page = await NewReceiver().GetQueueMessagesAsync(100, CancellationToken.None);

        Assert.Single(page);
        Assert.Equal(commits, _store.CommittedBatches);
        // The read is counted all the same: the enqueue stored it.
        Assert.Equal(1, _file.Scalar("SELECT attempts FROM stream_queue"));
    }

    [Fact]
    public async Task GetQueueMessagesAsync_RowLeftByAnEarlierProcess_IsCountedBeforeDelivery()
    {
        await _adapter.QueueMessageBatchAsync(Stream("a"), new[] { 6 }, null, null);
        await _store.DisposeAsync();
        _store = _file.OpenStore();
        await OpenAdapterAsync();
        var commits = _store.CommittedBatches;

        var page = await NewReceiver().GetQueueMessagesAsync(100, CancellationToken.None);

        Assert.Single(page);
        Assert.Equal(commits + 1, _store.CommittedBatches);
        Assert.Equal(2, _file.Scalar("SELECT attempts FROM stream_queue"));
    }

    private static StreamId Stream(string key) => StreamId.Create("ns", key);

    private IQueueAdapterReceiver NewReceiver() => _adapter.CreateReceiver(_factory.GetStreamQueueMapper().GetAllQueues().Single());

    private static Task<List<IBatchContainer>> ReadAllAsync(IQueueAdapterReceiver receiver) => TestQueues.ReadAllAsync(receiver);

    // The queue's factory and adapter on the current store (again after a reopen: a new process on the same file).
    private async Task OpenAdapterAsync()
    {
        _factory = new SqliteQueueAdapterFactory(
            Provider,
            _options,
            _store,
            TestQueues.Serializer,
            NullLoggerFactory.Instance);
        _adapter = await _factory.CreateAdapter(CancellationToken.None);
    }
}
