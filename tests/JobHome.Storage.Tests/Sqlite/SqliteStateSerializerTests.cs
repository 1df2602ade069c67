using JobHome.Storage.Sqlite;
using JobHome.Storage.Sqlite.State;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;

namespace JobHome.Storage.Tests.Sqlite;

/// <summary>The embedded store's binary state format, and rows written in the silo's older JSON format.</summary>
public sealed class SqliteStateSerializerTests : IAsyncLifetime
{
    private const string StateName = "counter";
    private static readonly GrainId Counter = GrainId.Create("counter", "c1");
    private static readonly IGrainStorageSerializer Json =
        new JsonGrainStorageSerializer(new OrleansJsonSerializer(Options.Create(new OrleansJsonSerializerOptions())));

    private readonly SqliteTestFile _file = new();
    private readonly SqliteStateSerializer _serializer = new(TestStorageSerializer.Value, Json);
    private SqliteStore? _store;

    public async Task InitializeAsync()
    {
        _store = _file.OpenStore();
        await _store.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
        _file.Dispose();
    }

    [Fact]
    public void Serialize_State_HeaderThenOrleansBinaryAndRoundTrips()
    {
        var bytes = _serializer.Serialize(new CounterState { Value = 41 }).ToArray();

        Assert.True(SqliteStateSerializer.IsBinary(bytes));
        Assert.Equal(TestStorageSerializer.Value.Serialize(new CounterState { Value = 41 }).ToArray(), bytes[2..]);
        Assert.Equal(41, _serializer.Deserialize<CounterState>(new BinaryData(bytes))!.Value);
    }

    [Fact]
    public void SerializeToArray_WithOrleansSerializer_SameBytesAsHeaderThenGrainStorageSerializer()
    {
        var orleans = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var direct = new SqliteStateSerializer(new OrleansGrainStorageSerializer(orleans), Json, orleans);
        var viaArrays = new SqliteStateSerializer(new OrleansGrainStorageSerializer(orleans), Json);
        // Small, then larger than the buffer's first size and the size it keeps (dropped after the write), then small again.
        foreach (var size in new[] { 0, 3, 5_000, 2_000_000, 10 })
        {
            var state = new CounterState { Value = size };
            var text = new string('x', size);
            Assert.Equal(viaArrays.SerializeToArray(state), direct.SerializeToArray(state));
            Assert.Equal(viaArrays.SerializeToArray(text), direct.SerializeToArray(text));
            Assert.Equal(text, direct.Deserialize<string>(new BinaryData(direct.SerializeToArray(text))));
            Assert.Equal(direct.SerializeToArray(text), direct.Serialize(text).ToArray());
        }
    }

    [Fact]
    public async Task ReadStateAsync_RowWrittenAsJson_ReadsThenNextWriteStoresBinary()
    {
        // A row as the silo stored it before the binary format: Orleans' JSON grain-state serializer.
        var legacy = new SqliteGrainStorage("Default", _store!, Json);
        await legacy.WriteStateAsync(StateName, Counter, new TestGrainState<CounterState> { State = { Value = 7 } });
        Assert.False(SqliteStateSerializer.IsBinary(ReadPayload()));

        var storage = new SqliteGrainStorage("Default", _store!, _serializer);
        var read = new TestGrainState<CounterState>();
        await storage.ReadStateAsync(StateName, Counter, read);
        Assert.Equal(7, read.State.Value);

        read.State.Value = 8;
        await storage.WriteStateAsync(StateName, Counter, read);
        Assert.True(SqliteStateSerializer.IsBinary(ReadPayload()));
        var again = new TestGrainState<CounterState>();
        await storage.ReadStateAsync(StateName, Counter, again);
        Assert.Equal(8, again.State.Value);
        Assert.Equal(read.ETag, again.ETag);
    }

    [Fact]
    public async Task WriteStateAsync_ConcurrentStatesOfManySizes_EachRowHoldsExactlyItsLastStatesBytes()
    {
        // The silo's setup: the stored bytes go through a pooled buffer, reused by the next writes and larger than a state.
        var orleans = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var serializer = new SqliteStateSerializer(new OrleansGrainStorageSerializer(orleans), Json, orleans);
        var storage = new SqliteGrainStorage("Default", _store!, serializer);
        const int Grains = 40;
        const int Rounds = 6;
        static List<long> StateOf(int grain, int round) =>
            [.. Enumerable.Range(0, (grain * 37 + round * 101) % 700).Select(i => grain * 1_000_000L + round * 10_000L + i)];

        await Task.WhenAll(Enumerable.Range(0, Grains).Select(async g =>
        {
            var state = new TestGrainState<List<long>>();
            for (var round = 0; round < Rounds; round++)
            {
                state.State = StateOf(g, round);
                await storage.WriteStateAsync(StateName, Grain(g), state);
            }
        }));

        for (var g = 0; g < Grains; g++)
        {
            var expected = StateOf(g, Rounds - 1);
            Assert.Equal(serializer.SerializeToArray(expected), ReadPayload(Grain(g)));
            var read = new TestGrainState<List<long>>();
            await storage.ReadStateAsync(StateName, Grain(g), read);
            Assert.Equal(expected, read.State);
        }
    }

    private static GrainId Grain(int i) => GrainId.Create("counter", "g" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private byte[] ReadPayload(GrainId grain)
    {
        using var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM grain_state WHERE state_name = $state AND grain_id = $grain";
        command.Parameters.AddWithValue("$state", StateName);
        command.Parameters.AddWithValue("$grain", grain.ToString());
        return (byte[])command.ExecuteScalar()!;
    }

    private byte[] ReadPayload()
    {
        using var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM grain_state WHERE state_name = $state";
        command.Parameters.AddWithValue("$state", StateName);
        return (byte[])command.ExecuteScalar()!;
    }
}
