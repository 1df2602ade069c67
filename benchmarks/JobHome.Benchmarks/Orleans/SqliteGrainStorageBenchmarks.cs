using BenchmarkDotNet.Attributes;
using JobHome.Storage.Sqlite;
using JobHome.Storage.Sqlite.State;
using Orleans;
using Orleans.Runtime;

namespace JobHome.Benchmarks.Orleans;

/// <summary>
/// Grain state writes (256-byte state, ETag checked) on the embedded SQLite grain storage with group commit: one grain
/// written back to back, or 100 grains written concurrently (what a silo does on the event path). Time per write.
/// </summary>
[Config(typeof(OrleansStorageBenchmarkConfig))]
[MemoryDiagnoser]
public class SqliteGrainStorageBenchmarks
{
    private const int Writes = 20_000;
    private BenchmarkFile _file = null!;
    private SqliteGrainStorage _storage = null!;
    private BenchState[] _states = [];

    /// <summary>Grains written concurrently (each sequentially).</summary>
    [Params(1, 100)]
    public int Grains { get; set; }

    /// <summary>SQLite's synchronous level under WAL.</summary>
    [Params(SqliteSynchronous.Normal, SqliteSynchronous.Full)]
    public SqliteSynchronous Synchronous { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _file = new BenchmarkFile(Synchronous);
        _file.Store.StartAsync().GetAwaiter().GetResult();
        _storage = new SqliteGrainStorage("Default", _file.Store, BenchmarkFile.StateSerializer);
        _states = Enumerable.Range(0, Grains).Select(_ => new BenchState()).ToArray();
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

    private sealed class BenchState : IGrainState<byte[]>
    {
        [System.Diagnostics.CodeAnalysis.AllowNull]
        public byte[] State { get; set; } = new byte[256];

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }
}
