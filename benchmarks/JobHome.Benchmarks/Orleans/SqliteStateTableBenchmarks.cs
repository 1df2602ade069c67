using System.Globalization;
using BenchmarkDotNet.Attributes;
using JobHome.Storage.Sqlite;
using JobHome.Storage.Sqlite.State;
using JobHome.Tests.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;

namespace JobHome.Benchmarks.Orleans;

/// <summary>
/// The state table's layout under the silo's kind of state writes and reads: 100 callers at once (group commit,
/// synchronous FULL as the silo runs), each writing new grains' states (inserts at random keys), rewriting existing ones
/// picked at random among 20,000 (updates), or reading them (an activation's read), with 330-byte payloads (a seeker's
/// row) or 1,400-byte ones (a site directory's shard of seekers). The table as schema 3 makes it (a rowid table with a
/// unique index on the key) against schema 1's WITHOUT ROWID table, put in the file before any row. Time per operation.
/// </summary>
[Config(typeof(OrleansStorageBenchmarkConfig))]
public class SqliteStateTableBenchmarks
{
    private const int Rows = 20_000;
    private const int Writers = 100;
    private const int Writes = 10_000;

    private string _folder = string.Empty;
    private SqliteStore _store = null!;
    private SqliteGrainStorage _storage = null!;
    private BenchState[] _rows = [];
    private Random[] _random = [];
    private int _inserted;

    /// <summary>The state table's layout.</summary>
    [Params(StateTableLayout.WithoutRowid, StateTableLayout.Rowid)]
    public StateTableLayout Layout { get; set; }

    /// <summary>Bytes of each state (a byte array, serialized by Orleans).</summary>
    [Params(330, 1400)]
    public int PayloadBytes { get; set; }

    /// <summary>New grains' states written, existing ones rewritten, or existing ones read.</summary>
    [Params(StateOperation.Insert, StateOperation.Update, StateOperation.Read)]
    public StateOperation Operation { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "jobhome-bench", Guid.NewGuid().ToString("N"));
        var path = Path.Combine(_folder, "bench.db");
        _store = Open(path);
        if (Layout == StateTableLayout.WithoutRowid)
        {
            // Before any row: both layouts then hold the rows as 100 writers at random keys left them.
            _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            SchemaOneStateTable.PutBack(path, forgetLaterScripts: false);
            _store = Open(path);
        }
        _storage = new SqliteGrainStorage("Default", _store, BenchmarkFile.StateSerializer);
        _rows = Enumerable.Range(0, Rows).Select(_ => new BenchState(PayloadBytes)).ToArray();
        var random = new Random(7);
        var keys = Enumerable.Range(0, Rows).Select(_ => Key(random)).ToArray();
        Task.WhenAll(Enumerable.Range(0, Writers).Select(async w =>
        {
            for (var i = w; i < Rows; i += Writers)
            {
                _rows[i].Grain = GrainId.Create("bench", keys[i]);
                await _storage.WriteStateAsync("bench", _rows[i].Grain, _rows[i]);
            }
        })).GetAwaiter().GetResult();
        _random = Enumerable.Range(0, Writers).Select(w => new Random(100 + w)).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>One round of <c>Writes</c> operations by 100 callers, each one state at a time.</summary>
    [Benchmark(OperationsPerInvoke = Writes)]
    public Task WriteOrReadStates() => Task.WhenAll(Enumerable.Range(0, Writers).Select(async w =>
    {
        var random = _random[w];
        for (var i = 0; i < Writes / Writers; i++)
        {
            if (Operation == StateOperation.Insert)
            {
                var grain = GrainId.Create("bench", Key(random) + "-" + Interlocked.Increment(ref _inserted));
                await _storage.WriteStateAsync("bench", grain, new BenchState(PayloadBytes));
            }
            else
            {
                // Caller w owns the rows w, w + 100, …: no two writers hold one row's ETag.
                var row = _rows[w + (Writers * random.Next(Rows / Writers))];
                if (Operation == StateOperation.Read)
                {
                    await _storage.ReadStateAsync("bench", row.Grain, new BenchState(0));
                    continue;
                }
                row.State[0]++;
                await _storage.WriteStateAsync("bench", row.Grain, row);
            }
        }
    }));

    private static string Key(Random random) => random.NextInt64(1_000_000_000_000L).ToString("D12", CultureInfo.InvariantCulture);

    private static SqliteStore Open(string path)
    {
        var store = new SqliteStore(
            new SqliteStoreOptions { Path = path, Synchronous = SqliteSynchronous.Full },
            TimeProvider.System,
            NullLogger<SqliteStore>.Instance);
        store.StartAsync().GetAwaiter().GetResult();
        return store;
    }

    private sealed class BenchState(int bytes) : IGrainState<byte[]>
    {
        [System.Diagnostics.CodeAnalysis.AllowNull]
        public byte[] State { get; set; } = Filled(bytes);

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }

        public GrainId Grain { get; set; }

        private static byte[] Filled(int bytes)
        {
            var payload = new byte[bytes];
            Random.Shared.NextBytes(payload);
            return payload;
        }
    }
}

/// <summary>The state table's layout in <see cref="SqliteStateTableBenchmarks"/>.</summary>
public enum StateTableLayout
{
    /// <summary>Schema 1's WITHOUT ROWID table keyed by (grain_id, state_name).</summary>
    WithoutRowid,

    /// <summary>Schema 3's rowid table with a unique index on (grain_id, state_name).</summary>
    Rowid,
}

/// <summary>The operations of <see cref="SqliteStateTableBenchmarks"/>.</summary>
public enum StateOperation
{
    /// <summary>States of new grains (an insert each, at a random key).</summary>
    Insert,

    /// <summary>States of existing grains rewritten (an update each, of a random row).</summary>
    Update,

    /// <summary>States of existing grains read (a random row each).</summary>
    Read,
}
