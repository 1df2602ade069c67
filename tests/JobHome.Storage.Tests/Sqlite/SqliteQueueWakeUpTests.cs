using JobHome.Storage.Sqlite;
using JobHome.Storage.Sqlite.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;

namespace JobHome.Storage.Tests.Sqlite;

/// <summary>
/// The receiver's wake-up: a commit to its queue wakes a waiting read, an idle queue costs no SQL, and a commit that
/// races an empty read is not slept through. The idle wait runs on a fake clock that these tests never advance unless
/// they say so, so a read that completes did so because of the signal.
/// </summary>
public sealed class SqliteQueueWakeUpTests : IAsyncLifetime
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
    private readonly SqliteTestFile _file = new();
    private readonly SqliteStreamOptions _options = new() { QueueCount = 1, IdleWait = TimeSpan.FromSeconds(1) };
    private readonly FakeTimeProvider _time = new();
    private SqliteStore _store = null!;
    private SqliteQueueAdapterFactory _factory = null!;
    private IQueueAdapter _adapter = null!;

    public async Task InitializeAsync()
    {
        _store = _file.OpenStore();
        _factory = new SqliteQueueAdapterFactory(
            "jobhome",
            _options,
            _store,
            TestQueues.Serializer,
            NullLoggerFactory.Instance,
            _time);
        _adapter = await _factory.CreateAdapter(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _file.Dispose();
    }

    [Fact]
    public async Task GetQueueMessagesAsync_IdleQueue_WaitsIdleWaitWithoutReadingTheTableThenReadsItOnce()
    {
        var receiver = NewReceiver();
        Assert.Empty(await receiver.GetQueueMessagesAsync(100, CancellationToken.None));
        Assert.Equal(1, receiver.SqlReads);

        var idle = receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        _time.Advance(_options.IdleWait - TimeSpan.FromMilliseconds(1));
        Assert.False(idle.IsCompleted);
        Assert.Equal(1, receiver.SqlReads);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        // Timed out: one read of the table (rows no notify announced), still empty.
        Assert.Empty(await idle.WaitAsync(Guard));
        Assert.Equal(2, receiver.SqlReads);
    }

    [Fact]
    public void Factory_MaxAttemptsOne_RefusedNamingTheRule()
    {
        // The enqueue counts the first read in advance: with 1, a row whose process died before reading it would be
        // dead-lettered without ever being delivered.
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SqliteQueueAdapterFactory(
            "jobhome",
            new SqliteStreamOptions { QueueCount = 1, MaxAttempts = 1 },
            _store,
            TestQueues.Serializer,
            NullLoggerFactory.Instance,
            _time));
        Assert.Contains("MaxAttempts must be at least 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueueMessageBatchAsync_ReceiverWaitingOnIdleQueue_WakesItWithTheRow()
    {
        var receiver = NewReceiver();
        Assert.Empty(await receiver.GetQueueMessagesAsync(100, CancellationToken.None));
        var waiting = receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        await _adapter.QueueMessageBatchAsync(Stream("a"), new[] { 7 }, null, null);

        var page = await waiting.WaitAsync(Guard);
        Assert.Equal([7], page.SelectMany(m => m.GetEvents<int>()).Select(e => e.Item1));
        Assert.Equal(2, receiver.SqlReads);
    }

    [Fact]
    public async Task GetQueueMessagesAsync_CommitRacingAnEmptyRead_IsReadByTheNextCallWithoutWaiting()
    {
        var receiver = NewReceiver();
        var raced = false;
        receiver.AfterRead = async () =>
        {
            if (!raced)
            {
                // Committed (and signalled) after the read's snapshot, before the receiver notes what it saw.
                raced = true;
                await _adapter.QueueMessageBatchAsync(Stream("a"), new[] { 9 }, null, null);
            }
        };

        Assert.Empty(await receiver.GetQueueMessagesAsync(100, CancellationToken.None));
        var next = receiver.GetQueueMessagesAsync(100, CancellationToken.None);

        var page = await next.WaitAsync(Guard);
        Assert.Equal([9], page.SelectMany(m => m.GetEvents<int>()).Select(e => e.Item1));
    }

    [Fact]
    public async Task GetQueueMessagesAsync_CancelledWhileIdle_ReturnsEmptyWithoutReadingTheTable()
    {
        var receiver = NewReceiver();
        Assert.Empty(await receiver.GetQueueMessagesAsync(100, CancellationToken.None));
        using var shutdown = new CancellationTokenSource();
        var idle = receiver.GetQueueMessagesAsync(100, shutdown.Token);
        Assert.False(idle.IsCompleted);

        await shutdown.CancelAsync();

        Assert.Empty(await idle.WaitAsync(Guard));
        Assert.Equal(1, receiver.SqlReads);
    }

    private static StreamId Stream(string key) => StreamId.Create("ns", key);

    private SqliteQueueAdapterReceiver NewReceiver() =>
        (SqliteQueueAdapterReceiver)_adapter.CreateReceiver(_factory.GetStreamQueueMapper().GetAllQueues().Single());
}
