using BenchmarkDotNet.Attributes;
using JobHome.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace JobHome.Benchmarks.Orleans;

/// <summary>
/// Grain state writes through a one-silo in-process cluster: ours (SQLite, group commit, FULL) against Orleans' own
/// ADO.NET grain storage on SQLite (invariant <c>System.Data.SQLite</c>, WAL, Microsoft.Data.Sqlite's default
/// synchronous FULL) with persistence queries of ours in <c>OrleansQuery</c>. 1 grain or 100 grains writing
/// concurrently, each back to back. Time per write.
/// </summary>
[Config(typeof(OrleansStorageBenchmarkConfig))]
[MemoryDiagnoser]
public class SiloStateBenchmarks
{
    /// <summary>Name of Orleans' ADO.NET storage in the benchmark silo.</summary>
    public const string OrleansAdoNetStorage = "orleans-adonet";

    private const int Writes = 2000;

    // Our own SQL for Orleans' ADO.NET persistence contract (parameter and column names are Orleans'); one upsert per
    // write, no trigger or temp table. The key includes the extension string (string grain keys live there).
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE OrleansQuery (QueryKey TEXT NOT NULL PRIMARY KEY, QueryText TEXT NOT NULL);
        CREATE TABLE bench_orleans_state (
            service TEXT NOT NULL, grain_type TEXT NOT NULL, grain_hash INTEGER NOT NULL, n0 INTEGER NOT NULL,
            n1 INTEGER NOT NULL, ext TEXT NOT NULL, payload BLOB NULL, version INTEGER NOT NULL,
            PRIMARY KEY (service, grain_type, grain_hash, n0, n1, ext));
        INSERT INTO OrleansQuery VALUES ('WriteToStorageKey', '
            INSERT INTO bench_orleans_state (service, grain_type, grain_hash, n0, n1, ext, payload, version)
            VALUES (@ServiceId, @GrainTypeString, @GrainIdHash, @GrainIdN0, @GrainIdN1, coalesce(@GrainIdExtensionString, ''''), @PayloadBinary, 1)
            ON CONFLICT (service, grain_type, grain_hash, n0, n1, ext) DO UPDATE
                SET payload = excluded.payload, version = version + 1
                WHERE version = @GrainStateVersion
            RETURNING version AS NewGrainStateVersion;');
        INSERT INTO OrleansQuery VALUES ('ReadFromStorageKey', '
            SELECT payload AS PayloadBinary, version AS Version FROM bench_orleans_state
            WHERE service = @ServiceId AND grain_type = @GrainTypeString AND grain_hash = @GrainIdHash AND n0 = @GrainIdN0
              AND n1 = @GrainIdN1 AND ext = coalesce(@GrainIdExtensionString, '''');');
        INSERT INTO OrleansQuery VALUES ('ClearStorageKey', '
            UPDATE bench_orleans_state SET payload = NULL, version = version + 1
            WHERE service = @ServiceId AND grain_type = @GrainTypeString AND grain_hash = @GrainIdHash AND n0 = @GrainIdN0
              AND n1 = @GrainIdN1 AND ext = coalesce(@GrainIdExtensionString, '''') AND version = @GrainStateVersion
            RETURNING version AS NewGrainStateVersion;');
        """;

    private string _directory = string.Empty;
    private InProcessTestCluster _cluster = null!;
    private int _round;

    /// <summary>Which grain storage.</summary>
    [Params("ours", "orleans-adonet")]
    public string Provider { get; set; } = "ours";

    /// <summary>Grains writing concurrently.</summary>
    [Params(1, 100)]
    public int Grains { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "jobhome-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        var orleansFile = $"Data Source={Path.Combine(_directory, "orleans-adonet.db")}";
        using (var connection = new SqliteConnection(orleansFile))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = Schema;
            command.ExecuteNonQuery();
        }

        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddJobHomeSqlite(new SqliteStoreOptions { Path = Path.Combine(_directory, "ours.db") });
            silo.AddAdoNetGrainStorage(OrleansAdoNetStorage, o =>
            {
                o.Invariant = "System.Data.SQLite";
                o.ConnectionString = orleansFile;
            });
        });
        _cluster = builder.Build();
        _cluster.DeployAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cluster.StopAllSilosAsync().GetAwaiter().GetResult();
        _cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Writes)]
    public Task WriteState()
    {
        var round = Interlocked.Increment(ref _round);
        return Task.WhenAll(Enumerable.Range(0, Grains).Select(g =>
        {
            var key = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"r{round}-g{g}");
            var grain = Provider == "ours"
                ? _cluster.Client.GetGrain<IStateBenchGrain>(key, grainClassNamePrefix: typeof(OursStateBenchGrain).FullName)
                : _cluster.Client.GetGrain<IStateBenchGrain>(key, grainClassNamePrefix: typeof(OrleansAdoNetStateBenchGrain).FullName);
            return grain.WriteAsync(Writes / Grains);
        }));
    }
}
