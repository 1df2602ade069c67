using JobHome.Storage.Sqlite;
using JobHome.Storage.Sqlite.State;
using Orleans.Runtime;
using Orleans.Storage;

namespace JobHome.Storage.Tests.Sqlite;

/// <summary>Grain storage guarantees on the embedded file, called directly (no silo).</summary>
public sealed class SqliteGrainStorageTests : IAsyncLifetime
{
    private const string StateName = "counter";
    private readonly SqliteTestFile _file = new();
    private SqliteStore _store = null!;
    private SqliteGrainStorage _storage = null!;

    public Task InitializeAsync()
    {
        _store = _file.OpenStore();
        _storage = new SqliteGrainStorage("Default", _store, TestStorageSerializer.Value);
        return _store.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _file.Dispose();
    }

    [Fact]
    public async Task WriteStateAsync_ManyConcurrentWriters_EveryAcknowledgedWriteIsStored()
    {
        const int Grains = 100;
        const int WritesPerGrain = 20;
        var writers = Enumerable.Range(0, Grains).Select(async g =>
        {
            var state = new TestGrainState<CounterState>();
            for (var i = 1; i <= WritesPerGrain; i++)
            {
                state.State.Value = i;
                await _storage.WriteStateAsync(StateName, Grain(g), state);
            }
        });
        await Task.WhenAll(writers);

        for (var g = 0; g < Grains; g++)
        {
            var read = new TestGrainState<CounterState>();
            await _storage.ReadStateAsync(StateName, Grain(g), read);
            Assert.True(read.RecordExists);
            Assert.Equal(WritesPerGrain, read.State.Value);
            Assert.Equal(WritesPerGrain.ToString(System.Globalization.CultureInfo.InvariantCulture), read.ETag);
        }

        // Group commit: 2,000 writes from 100 concurrent grains took fewer transactions than writes.
        Assert.True(_store.CommittedBatches < Grains * WritesPerGrain, $"{_store.CommittedBatches} batches for {Grains * WritesPerGrain} writes");
    }

    [Fact]
    public async Task WriteAsync_WritesQueuedWhileABatchCommits_CommitTogetherInTheNextBatch()
    {
        var inFirstBatch = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        var blocker = _store.WriteAsync(_ =>
        {
            inFirstBatch.SetResult();
            release.Wait();
            return 0;
        });
        await inFirstBatch.Task;
        var before = _store.CommittedBatches;

        var writes = Enumerable.Range(0, 50).Select(g =>
            _storage.WriteStateAsync(StateName, Grain(g), new TestGrainState<CounterState> { State = { Value = g } })).ToList();
        release.Set();
        await blocker;
        await Task.WhenAll(writes);

        Assert.Equal(before + 2, _store.CommittedBatches);
    }

    [Fact]
    public async Task WriteStateAsync_ConcurrentWritersWithTheSameEtag_ExactlyOneWinsOthersGetInconsistentState()
    {
        var seed = new TestGrainState<CounterState>();
        await _storage.WriteStateAsync(StateName, Grain(1), seed);
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            var state = new TestGrainState<CounterState> { ETag = seed.ETag, RecordExists = true, State = { Value = i } };
            try
            {
                await _storage.WriteStateAsync(StateName, Grain(1), state);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.Single(results, won => won);
    }

    [Fact]
    public async Task WriteStateAsync_ConcurrentFirstWritesWithoutEtag_ExactlyOneWins()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                await _storage.WriteStateAsync(StateName, Grain(7), new TestGrainState<CounterState> { State = { Value = i } });
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.Single(results, won => won);
    }

    [Fact]
    public async Task WriteStateAsync_StaleEtag_ThrowsInconsistentStateException()
    {
        var first = new TestGrainState<CounterState> { State = { Value = 1 } };
        await _storage.WriteStateAsync(StateName, Grain(2), first);
        var stale = new TestGrainState<CounterState> { ETag = first.ETag, RecordExists = true, State = { Value = 2 } };
        await _storage.WriteStateAsync(StateName, Grain(2), first);

        var e = await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, Grain(2), stale));
        Assert.Equal("2", e.StoredEtag);
    }

    [Fact]
    public async Task ClearStateAsync_ThenWriteWithEtagFromBeforeTheClear_ThrowsInconsistentStateException()
    {
        var state = new TestGrainState<CounterState> { State = { Value = 5 } };
        await _storage.WriteStateAsync(StateName, Grain(3), state);
        var beforeClear = state.ETag;
        await _storage.ClearStateAsync(StateName, Grain(3), state);

        var read = new TestGrainState<CounterState>();
        await _storage.ReadStateAsync(StateName, Grain(3), read);
        Assert.False(read.RecordExists);
        Assert.Equal(0, read.State.Value);
        Assert.Equal(state.ETag, read.ETag);

        var stale = new TestGrainState<CounterState> { ETag = beforeClear, RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, Grain(3), stale));
        read.State.Value = 6;
        await _storage.WriteStateAsync(StateName, Grain(3), read);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task ReadStateAsync_AfterReopeningTheFile_ReturnsTheCommittedState()
    {
        var state = new TestGrainState<CounterState> { State = { Value = 42 } };
        await _storage.WriteStateAsync(StateName, Grain(4), state);
        await _store.DisposeAsync();

        _store = _file.OpenStore();
        _storage = new SqliteGrainStorage("Default", _store, TestStorageSerializer.Value);
        var read = new TestGrainState<CounterState>();
        await _storage.ReadStateAsync(StateName, Grain(4), read);

        Assert.Equal(42, read.State.Value);
        Assert.Equal(state.ETag, read.ETag);
    }

    private static GrainId Grain(int i) => GrainId.Create("counter", $"g{i}");
}
