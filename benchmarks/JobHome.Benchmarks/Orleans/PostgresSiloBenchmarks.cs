using BenchmarkDotNet.Attributes;
using JobHome.Storage;
using JobHome.Storage.Hosting;
using JobHome.Storage.Startup;
using Npgsql;
using Orleans.TestingHost;

namespace JobHome.Benchmarks.Orleans;

/// <summary>
/// The production store: grain state writes and durable stream delivery through a one-silo in-process cluster on
/// PostgreSQL (Orleans' ADO.NET persistence and streaming on the project's schema, applied to a fresh database).
/// Needs <c>JOBHOME_BENCH_PG</c> (or <c>JOBHOME_TEST_PG</c>): an Npgsql connection string of a server where the user may
/// create databases.
/// </summary>
[Config(typeof(OrleansStorageBenchmarkConfig))]
[MemoryDiagnoser]
public class PostgresSiloBenchmarks
{
    private const int Writes = 2000;
    private const int Events = 10_000;
    private const int BatchSize = 100;
    private string _admin = string.Empty;
    private string _database = string.Empty;
    private InProcessTestCluster _cluster = null!;
    private int _round;

    /// <summary>Grains writing concurrently, or streams published concurrently.</summary>
    [Params(1, 100)]
    public int Parallel { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _admin = Environment.GetEnvironmentVariable("JOBHOME_BENCH_PG") is { Length: > 0 } bench ? bench
            : Environment.GetEnvironmentVariable("JOBHOME_TEST_PG") is { Length: > 0 } test ? test
            : throw new InvalidOperationException("Set JOBHOME_BENCH_PG (or JOBHOME_TEST_PG) to an Npgsql connection string.");
        _database = $"jobhome_bench_{Guid.NewGuid():N}";
        Execute(_admin, $"CREATE DATABASE \"{_database}\"");
        var options = new JobHomeStorageOptions
        {
            Kind = StorageKind.Postgres,
            ConnectionString = new NpgsqlConnectionStringBuilder(_admin) { Database = _database }.ConnectionString,
        };
        StorageStartup.PrepareAsync(options, null, CancellationToken.None).GetAwaiter().GetResult();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddJobHomeStorage(options));
        _cluster = builder.Build();
        _cluster.DeployAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cluster.StopAllSilosAsync().GetAwaiter().GetResult();
        _cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        NpgsqlConnection.ClearAllPools();
        Execute(_admin, $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
    }

    /// <summary>Grain state writes: <see cref="Parallel"/> grains writing back to back; time per write.</summary>
    [Benchmark(OperationsPerInvoke = Writes)]
    public Task WriteState()
    {
        var round = Interlocked.Increment(ref _round);
        return Task.WhenAll(Enumerable.Range(0, Parallel).Select(g =>
        {
            var key = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"r{round}-g{g}");
            return _cluster.Client.GetGrain<IStateBenchGrain>(key, grainClassNamePrefix: typeof(OursStateBenchGrain).FullName)
                .WriteAsync(Writes / Parallel);
        }));
    }

    /// <summary>Events published in batches of 100 on <see cref="Parallel"/> streams until every one is applied; time per event.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public async Task PublishAndDeliver()
    {
        var round = Interlocked.Increment(ref _round);
        var applied = StreamBenchSignal.Expect(Events);
        await Task.WhenAll(Enumerable.Range(0, Parallel).Select(s =>
        {
            var key = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"r{round}-s{s}");
            return _cluster.Client.GetGrain<IStreamBenchProducerGrain>(key).PublishAsync(key, Events / Parallel, BatchSize);
        }));
        await applied.WaitAsync(TimeSpan.FromMinutes(5));
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
