using System.Globalization;
using JobHome.Storage.Tests.Sqlite;
using Orleans.Runtime;
using Orleans.Storage;

namespace JobHome.Storage.Tests.Guarantees;

/// <summary>
/// What every JobHome grain storage guarantees, whatever store backs it: one sealed subclass per provider
/// (SQLite now; PostgreSQL when its providers land).
/// </summary>
public abstract class GrainStorageGuaranteeTests : IAsyncLifetime
{
    /// <summary>The state name the tests write under.</summary>
    protected const string StateName = "counter";

    /// <summary>The storage under test (recreated by <see cref="ReopenAsync"/>).</summary>
    protected IGrainStorage Storage { get; private set; } = null!;

    public async Task InitializeAsync() => Storage = await OpenAsync();

    public abstract Task DisposeAsync();

    [Fact]
    public async Task WriteStateAsync_ManyConcurrentWriters_EveryAcknowledgedWriteIsStored()
    {
        const int Grains = 100;
        const int WritesPerGrain = 20;
        await Task.WhenAll(Enumerable.Range(0, Grains).Select(async g =>
        {
            var state = new TestGrainState<CounterState>();
            for (var i = 1; i <= WritesPerGrain; i++)
            {
                state.State.Value = i;
                await Storage.WriteStateAsync(StateName, Grain(g), state);
            }
        }));

        for (var g = 0; g < Grains; g++)
        {
            var read = new TestGrainState<CounterState>();
            await Storage.ReadStateAsync(StateName, Grain(g), read);
            Assert.True(read.RecordExists);
            Assert.Equal(WritesPerGrain, read.State.Value);
        }
    }

    [Fact]
    public async Task WriteStateAsync_ConcurrentWritersWithTheSameEtag_ExactlyOneWinsOthersGetInconsistentState()
    {
        var seed = new TestGrainState<CounterState>();
        await Storage.WriteStateAsync(StateName, Grain(1), seed);
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            TryWriteAsync(Grain(1), new TestGrainState<CounterState> { ETag = seed.ETag, RecordExists = true, State = { Value = i } })));

        Assert.Single(results, won => won);
    }

    [Fact]
    public async Task WriteStateAsync_ConcurrentFirstWritesWithoutEtag_ExactlyOneWins()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            TryWriteAsync(Grain(7), new TestGrainState<CounterState> { State = { Value = i } })));

        Assert.Single(results, won => won);
    }

    [Fact]
    public async Task WriteStateAsync_StaleEtag_ThrowsInconsistentStateException()
    {
        var first = new TestGrainState<CounterState> { State = { Value = 1 } };
        await Storage.WriteStateAsync(StateName, Grain(2), first);
        var stale = new TestGrainState<CounterState> { ETag = first.ETag, RecordExists = true, State = { Value = 2 } };
        await Storage.WriteStateAsync(StateName, Grain(2), first);

        var e = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, Grain(2), stale));
        Assert.Equal(ReportsStoredEtag ? first.ETag : null, e.StoredEtag);
    }

    [Fact]
    public async Task ClearStateAsync_ThenWriteWithEtagFromBeforeTheClear_ThrowsInconsistentStateException()
    {
        var state = new TestGrainState<CounterState> { State = { Value = 5 } };
        await Storage.WriteStateAsync(StateName, Grain(3), state);
        var beforeClear = state.ETag;
        await Storage.ClearStateAsync(StateName, Grain(3), state);

        var read = new TestGrainState<CounterState>();
        await Storage.ReadStateAsync(StateName, Grain(3), read);
        Assert.False(read.RecordExists);
        Assert.Equal(0, read.State.Value);
        Assert.Equal(state.ETag, read.ETag);

        var stale = new TestGrainState<CounterState> { ETag = beforeClear, RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, Grain(3), stale));
        read.State.Value = 6;
        await Storage.WriteStateAsync(StateName, Grain(3), read);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task ReadStateAsync_AfterReopeningTheStore_ReturnsTheCommittedState()
    {
        var state = new TestGrainState<CounterState> { State = { Value = 42 } };
        await Storage.WriteStateAsync(StateName, Grain(4), state);
        Storage = await ReopenAsync();

        var read = new TestGrainState<CounterState>();
        await Storage.ReadStateAsync(StateName, Grain(4), read);

        Assert.Equal(42, read.State.Value);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task ReadStateAsync_BetweenWritesAndAClear_EveryReadReturnsTheLastCommittedState()
    {
        var missing = new TestGrainState<CounterState>();
        await Storage.ReadStateAsync(StateName, Grain(500), missing);
        Assert.False(missing.RecordExists);
        Assert.Null(missing.ETag);

        var state = new TestGrainState<CounterState>();
        for (var i = 1; i <= 5; i++)
        {
            state.State.Value = i;
            await Storage.WriteStateAsync(StateName, Grain(500), state);
            // Several reads at once, each seeing the write just committed (readers kept from earlier reads too).
            var reads = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
            {
                var read = new TestGrainState<CounterState>();
                await Storage.ReadStateAsync(StateName, Grain(500), read);
                return read;
            }));
            Assert.All(reads, read =>
            {
                Assert.True(read.RecordExists);
                Assert.Equal(i, read.State.Value);
                Assert.Equal(state.ETag, read.ETag);
            });
        }

        await Storage.ClearStateAsync(StateName, Grain(500), state);
        var cleared = new TestGrainState<CounterState>();
        await Storage.ReadStateAsync(StateName, Grain(500), cleared);
        Assert.False(cleared.RecordExists);
        Assert.Equal(0, cleared.State.Value);
    }

    /// <summary>Whether the provider tells the stored ETag in <see cref="InconsistentStateException.StoredEtag"/>. Default: true.</summary>
    protected virtual bool ReportsStoredEtag => true;

    /// <summary>A grain id of the tests.</summary>
    protected static GrainId Grain(int i) => GrainId.Create("counter", string.Create(CultureInfo.InvariantCulture, $"g{i}"));

    /// <summary>Opens the store and returns its storage.</summary>
    protected abstract Task<IGrainStorage> OpenAsync();

    /// <summary>Closes the store (as a silo stop does) and opens it again on the same data.</summary>
    protected abstract Task<IGrainStorage> ReopenAsync();

    private async Task<bool> TryWriteAsync(GrainId grain, TestGrainState<CounterState> state)
    {
        try
        {
            await Storage.WriteStateAsync(StateName, grain, state);
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }
}
