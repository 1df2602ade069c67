using BenchmarkDotNet.Attributes;
using JobHome.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Orleans.TestingHost;

namespace JobHome.Benchmarks.Orleans;

/// <summary>
/// The embedded durable stream end to end in a one-silo in-process cluster: 10,000 events published with
/// <c>OnNextBatchAsync</c> (batches of 100) over <see cref="Streams"/> streams, delivered by Orleans' pulling agents to
/// implicitly subscribed consumers that dedupe by token and write aggregate + token per delivered batch. Time per
/// event from the first publish until every event is applied.
/// </summary>
[Config(typeof(OrleansStorageBenchmarkConfig))]
[MemoryDiagnoser]
public class SqliteSiloStreamBenchmarks
{
    private const int Events = 10_000;
    private const int BatchSize = 100;
    private string _directory = string.Empty;
    private InProcessTestCluster _cluster = null!;
    private int _round;

    /// <summary>Streams published to concurrently.</summary>
    [Params(1, 100)]
    public int Streams { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "jobhome-bench", Guid.NewGuid().ToString("N"));
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddJobHomeSqlite(new SqliteStoreOptions { Path = Path.Combine(_directory, "bench.db") }));
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

    [Benchmark(OperationsPerInvoke = Events)]
    public async Task PublishAndDeliver()
    {
        var round = Interlocked.Increment(ref _round);
        var applied = StreamBenchSignal.Expect(Events);
        // One producer grain per stream: a single (non-reentrant) producer would serialise the streams.
        await Task.WhenAll(Enumerable.Range(0, Streams).Select(s =>
        {
            var key = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"r{round}-s{s}");
            return _cluster.Client.GetGrain<IStreamBenchProducerGrain>(key).PublishAsync(key, Events / Streams, BatchSize);
        }));
        await applied.WaitAsync(TimeSpan.FromMinutes(5));
    }
}
