using BenchmarkDotNet.Attributes;
using JobHome.Actors.Streams;
using Microsoft.Extensions.DependencyInjection;

namespace JobHome.Benchmarks.Runtime;

/// <summary>
/// Durable stream throughput: a publisher appends <see cref="Events"/> events over 100 site streams in batches while a
/// consumer follows the namespace from its checkpoint (pages of 1,000, checkpoint per page) until it has seen them all.
/// Time per operation is per event, publish to consumed.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(AdoNetBenchmarkConfig))]
public class AdoNetDurableStreamBenchmarks
{
    private const int Events = 10_000;
    private const int Streams = 100;
    private AdoNetBenchmarkDatabase? _database;
    private IStreamLog? _log;
    private StreamAppend[][] _batches = [];
    private int _round;

    [Params("sqlite", "postgres")]
    public string Provider { get; set; } = "sqlite";

    [Params(10, 500)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _database = AdoNetBenchmarkDatabase.CreateAsync(Provider).GetAwaiter().GetResult();
        _log = _database.Services.GetRequiredService<IStreamLog>();
    }

    [IterationSetup]
    public void PrepareRound()
    {
        // Each invocation uses a new namespace so every run starts from an empty log and checkpoint.
        var ns = $"site-events-{_round++}";
        var payload = new byte[64];
        _batches = [.. Enumerable.Range(0, Events)
            .Select(i => new StreamAppend(new StreamId(ns, $"site-{i % Streams:D3}"), payload))
            .Chunk(BatchSize)];
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public async Task PublishAndConsume()
    {
        var log = _log!;
        var ns = _batches[0][0].Stream.Namespace;
        var publisher = Task.Run(async () =>
        {
            foreach (var batch in _batches)
            {
                await log.AppendAsync(batch, CancellationToken.None);
            }
        });
        var consumer = Task.Run(async () =>
        {
            long checkpoint = 0;
            var seen = 0;
            while (seen < Events)
            {
                var page = await log.ReadAsync(ns, checkpoint, 1_000, CancellationToken.None);
                if (page.Count == 0)
                {
                    await Task.Delay(1);
                    continue;
                }

                seen += page.Count;
                checkpoint = page[^1].Position;
                await log.SetCheckpointAsync("bench-consumer", ns, checkpoint, CancellationToken.None);
            }
        });
        await Task.WhenAll(publisher, consumer);
    }

    [GlobalCleanup]
    public void Cleanup() => _database?.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
