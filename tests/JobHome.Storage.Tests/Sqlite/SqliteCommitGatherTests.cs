using JobHome.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace JobHome.Storage.Tests.Sqlite;

/// <summary>
/// The writer's commit gathering (<see cref="SqliteStoreOptions.CommitGather"/>): after a commit of at least
/// <see cref="SqliteStoreOptions.CommitGatherMinBatch"/> writes the next commit waits until the gather time has passed since
/// that one began, and every write queued meanwhile shares it; after smaller commits a write commits at once. The writer's
/// clock here is a fake one that only moves when the test moves it, and it tells the test when the writer starts waiting.
/// </summary>
public sealed class SqliteCommitGatherTests : IDisposable
{
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly SqliteTestFile _file = new();
    private readonly WaitSignallingClock _clock = new();

    [Fact]
    public async Task Writes_AfterACommitOfTheMinimumBatch_WaitForTheGatherAndShareOneCommit()
    {
        await using var store = Open();
        await store.StartAsync();
        await CreateTableAsync(store);
        // One write holds the writer while four more queue: those four are the next commit, at the minimum batch.
        using var hold = new ManualResetEventSlim();
        var holding = store.WriteAsync(_ => hold.Wait(Deadline));
        var four = Enumerable.Range(1, 4).Select(n => InsertAsync(store, n)).ToArray();
        hold.Set();
        Assert.True(await holding.WaitAsync(Deadline));
        await Task.WhenAll(four).WaitAsync(Deadline);
        var before = store.CommittedBatches;

        var fifth = InsertAsync(store, 5);
        await _clock.Waiting.WaitAsync(Deadline);
        Assert.False(fifth.IsCompleted, "the write after a commit of the minimum batch committed before the gather time");
        var sixth = InsertAsync(store, 6);
        var seventh = InsertAsync(store, 7);
        _clock.Advance(Gather);
        await Task.WhenAll(fifth, sixth, seventh).WaitAsync(Deadline);

        Assert.Equal(before + 1, store.CommittedBatches);
        Assert.Equal(7, _file.Scalar("SELECT count(*) FROM gathered"));
    }

    [Fact]
    public async Task Writes_OneAfterAnother_CommitAtOnceWithoutWaiting()
    {
        await using var store = Open();
        await store.StartAsync();
        await CreateTableAsync(store);

        // The fake clock never moves: a write that waited for the gather would never commit.
        for (var n = 1; n <= 10; n++)
        {
            await InsertAsync(store, n).WaitAsync(Deadline);
        }

        Assert.False(_clock.Waiting.IsCompleted, "a writer working alone waited to gather");
        Assert.Equal(10, _file.Scalar("SELECT count(*) FROM gathered"));
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    private SqliteStore Open() => new(
        new SqliteStoreOptions { Path = _file.Path, CommitGather = Gather, CommitGatherMinBatch = 4 },
        TimeProvider.System, NullLogger<SqliteStore>.Instance)
    {
        GatherClock = _clock,
    };

    private static Task<int> CreateTableAsync(SqliteStore store) => store.WriteAsync(context =>
    {
        using var create = context.Command("CREATE TABLE gathered (n INTEGER PRIMARY KEY)");
        return create.ExecuteNonQuery();
    });

    private static Task<int> InsertAsync(SqliteStore store, int n) => store.WriteAsync(context =>
    {
        var insert = context.Statement("INSERT INTO gathered (n) VALUES ($n)");
        insert.Bind("$n", n);
        return insert.Run();
    });

    // A fake clock whose Waiting task completes when the writer first starts a timed wait on it.
    private sealed class WaitSignallingClock : FakeTimeProvider
    {
        private readonly TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Waiting => _waiting.Task;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            _waiting.TrySetResult();
            return timer;
        }
    }
}
