using System.Globalization;
using JobHome.Storage.Sqlite;
using JobHome.Storage.Sqlite.State;

namespace JobHome.Storage.Tests.Sqlite;

/// <summary>
/// The embedded store's batched state read returns, id for id, what the single read returns: the state where one is
/// stored, null where no row exists, where the row was cleared or where it holds another state name; in the order asked,
/// duplicates included, across more ids than one statement takes.
/// </summary>
public sealed class SqliteStateBatchReadTests : IAsyncLifetime
{
    private const string StateName = "counter";
    private readonly SqliteTestFile _file = new();
    private SqliteStore _store = null!;
    private SqliteGrainStorage _storage = null!;

    public async Task InitializeAsync()
    {
        _store = _file.OpenStore();
        await _store.StartAsync();
        _storage = new SqliteGrainStorage("Default", _store, TestStorageSerializer.Value);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _file.Dispose();
    }

    [Fact]
    public async Task ReadStates_MatchesSingleReads_ForStoredMissingClearedAndOtherStateRows()
    {
        // 1,203 grains (more than two statements' worth): every third stored, every seventh of those then cleared, every
        // fifth stored under another state name only; the request also asks for some ids twice and out of order.
        const int Grains = 1_203;
        for (var g = 0; g < Grains; g++)
        {
            if (g % 3 == 0)
            {
                var state = new TestGrainState<CounterState> { State = { Value = (g * 11) + 1 } };
                await _storage.WriteStateAsync(StateName, Grain(g), state);
                if (g % 7 == 0)
                {
                    await _storage.ClearStateAsync(StateName, Grain(g), state);
                }
            }
            else if (g % 5 == 0)
            {
                await _storage.WriteStateAsync("other", Grain(g), new TestGrainState<CounterState> { State = { Value = 5 } });
            }
        }
        var ids = Enumerable.Range(0, Grains).Reverse().Concat([3, 3, 0, 1_200]).Select(Grain).ToArray();

        var batch = await ((IGrainStateBatchReader)_storage).ReadStatesAsync<CounterState>(StateName, ids, CancellationToken.None);

        Assert.Equal(ids.Length, batch.Length);
        var stored = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            var single = new TestGrainState<CounterState>();
            await _storage.ReadStateAsync(StateName, ids[i], single);
            if (single.RecordExists)
            {
                stored++;
                Assert.NotNull(batch[i]);
                Assert.Equal(single.State.Value, batch[i]!.Value);
            }
            else
            {
                Assert.Null(batch[i]);
            }
        }
        // Stored and not cleared: g % 3 == 0 and g % 7 != 0 (g < 1,203), plus the repeats 3, 3 and 1,200 (0 was cleared).
        var expected = Enumerable.Range(0, Grains).Count(g => g % 3 == 0 && g % 7 != 0) + 3;
        Assert.Equal(expected, stored);
    }

    [Fact]
    public async Task ReadStates_NoIds_ReadsNothing()
    {
        var batch = await ((IGrainStateBatchReader)_storage).ReadStatesAsync<CounterState>(StateName, [], CancellationToken.None);
        Assert.Empty(batch);
    }

    private static GrainId Grain(int i) => GrainId.Create("counter", string.Create(CultureInfo.InvariantCulture, $"g{i}"));
}
