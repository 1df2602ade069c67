using BenchmarkDotNet.Attributes;
using JobHome.Storage.Sqlite;
using JobHome.Storage.Sqlite.State;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;

namespace JobHome.Benchmarks.Orleans;

/// <summary>
/// Grain state writes as the silo makes them on the embedded store: the silo's state format
/// (<see cref="SqliteStateSerializer"/> over Orleans' serializer), ETag checked, group commit, 100 grains written
/// concurrently (each sequentially), a state of <see cref="Entries"/> numbers. Time and bytes per write.
/// </summary>
[Config(typeof(OrleansStorageBenchmarkConfig))]
[MemoryDiagnoser]
public class SqliteSiloStateWriteBenchmarks
{
    private const int Grains = 100;
    private const int Writes = 20_000;
    private BenchmarkFile _file = null!;
    private SqliteGrainStorage _storage = null!;
    private BenchState[] _states = [];

    /// <summary>Numbers in the state (≈ 9 bytes each stored): a seeker's record is small, an aggregator's shard larger.</summary>
    [Params(20, 1_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _file = new BenchmarkFile(SqliteSynchronous.Normal);
        _file.Store.StartAsync().GetAwaiter().GetResult();
        var orleans = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var serializer = new SqliteStateSerializer(BenchmarkFile.StateSerializer, BenchmarkFile.StateSerializer, orleans);
        _storage = new SqliteGrainStorage("Default", _file.Store, serializer);
        _states = [.. Enumerable.Range(0, Grains).Select(g => new BenchState
        {
            State = [.. Enumerable.Range(0, Entries).Select(i => (long)g * 1_000_000 + i * 7_919L)],
        })];
    }

    [GlobalCleanup]
    public void Cleanup() => _file.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Writes)]
    public Task WriteState() => Task.WhenAll(Enumerable.Range(0, Grains).Select(async g =>
    {
        var grain = GrainId.Create("bench", g.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var state = _states[g];
        for (var i = 0; i < Writes / Grains; i++)
        {
            state.State[0]++;
            await _storage.WriteStateAsync("bench", grain, state);
        }
    }));

    private sealed class BenchState : IGrainState<List<long>>
    {
        [System.Diagnostics.CodeAnalysis.AllowNull]
        public List<long> State { get; set; } = [];

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }
}
