using JobHome.Storage.Sqlite;
using JobHome.Storage.Sqlite.State;
using JobHome.Storage.Tests.Guarantees;
using Orleans.Storage;

namespace JobHome.Storage.Tests.Sqlite;

/// <summary>The grain storage guarantees on the embedded file, plus what group commit adds.</summary>
public sealed class SqliteGrainStorageTests : GrainStorageGuaranteeTests
{
    private readonly SqliteTestFile _file = new();
    private SqliteStore? _store;

    public override async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        _file.Dispose();
    }

    [Fact]
    public async Task WriteStateAsync_ManyConcurrentWriters_FewerCommitsThanWrites()
    {
        const int Grains = 100;
        const int WritesPerGrain = 20;
        var before = _store!.CommittedBatches;
        await Task.WhenAll(Enumerable.Range(0, Grains).Select(async g =>
        {
            var state = new TestGrainState<CounterState>();
            for (var i = 1; i <= WritesPerGrain; i++)
            {
                state.State.Value = i;
                await Storage.WriteStateAsync(StateName, Grain(g), state);
            }
        }));

        var commits = _store.CommittedBatches - before;
        Assert.True(commits < Grains * WritesPerGrain, $"{commits} commits for {Grains * WritesPerGrain} writes");
    }

    [Fact]
    public async Task WriteAsync_WritesQueuedWhileABatchCommits_CommitTogetherInTheNextBatch()
    {
        var inFirstBatch = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        var blocker = _store!.WriteAsync(_ =>
        {
            inFirstBatch.SetResult();
            release.Wait();
            return 0;
        });
        await inFirstBatch.Task;
        var before = _store.CommittedBatches;

        var writes = Enumerable.Range(0, 50).Select(g =>
            Storage.WriteStateAsync(StateName, Grain(g), new TestGrainState<CounterState> { State = { Value = g } })).ToList();
        release.Set();
        await blocker;
        await Task.WhenAll(writes);

        Assert.Equal(before + 2, _store.CommittedBatches);
    }

    protected override async Task<IGrainStorage> OpenAsync()
    {
        _store = _file.OpenStore();
        await _store.StartAsync();
        return new SqliteGrainStorage("Default", _store, TestStorageSerializer.Value);
    }

    protected override async Task<IGrainStorage> ReopenAsync()
    {
        await _store!.DisposeAsync();
        return await OpenAsync();
    }
}
