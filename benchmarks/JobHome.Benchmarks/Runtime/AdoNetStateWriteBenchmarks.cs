using BenchmarkDotNet.Attributes;
using JobHome.Actors.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace JobHome.Benchmarks.Runtime;

/// <summary>
/// Grain state writes (conditional on the ETag, 512-byte payload): one grain written back to back, and
/// <see cref="Writers"/> grains written concurrently. Time per operation is per write.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(AdoNetBenchmarkConfig))]
public class AdoNetStateWriteBenchmarks
{
    private const int WritesPerWriter = 200;
    private const int Writers = 16;
    private readonly byte[] _payload = new byte[512];
    private AdoNetBenchmarkDatabase? _database;
    private IGrainStorage? _storage;
    private readonly string?[] _etags = new string?[Writers];
    private readonly GrainStateKey[] _keys = [.. Enumerable.Range(0, Writers).Select(i => new GrainStateKey("ISeekerGrain", $"seeker-{i}", "profile"))];

    [Params("sqlite", "postgres")]
    public string Provider { get; set; } = "sqlite";

    [GlobalSetup]
    public void Setup()
    {
        _database = AdoNetBenchmarkDatabase.CreateAsync(Provider).GetAwaiter().GetResult();
        _storage = _database.Services.GetRequiredService<IGrainStorage>();
    }

    [Benchmark(OperationsPerInvoke = WritesPerWriter)]
    public async Task SequentialWrites()
    {
        for (var i = 0; i < WritesPerWriter; i++)
        {
            _etags[0] = await _storage!.WriteAsync(_keys[0], _payload, _etags[0], CancellationToken.None);
        }
    }

    [Benchmark(OperationsPerInvoke = WritesPerWriter * Writers)]
    public async Task ConcurrentWritersOnDistinctGrains()
    {
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < WritesPerWriter; i++)
            {
                _etags[w] = await _storage!.WriteAsync(_keys[w], _payload, _etags[w], CancellationToken.None);
            }
        })));
    }

    [GlobalCleanup]
    public void Cleanup() => _database?.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
