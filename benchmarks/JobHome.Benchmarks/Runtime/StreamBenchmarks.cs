using BenchmarkDotNet.Attributes;
using JobHome.Actors.Streams;
using JobHome.Actors.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace JobHome.Benchmarks.Runtime;

/// <summary>
/// Publish → consume through the in-memory stream log: <see cref="Events"/> events over <see cref="Streams"/> streams,
/// published concurrently (the producer queue batches them), delivered by the pulling agent with dedupe by token.
/// One operation = all events published and consumed; events/s = Events / mean.
/// </summary>
[MemoryDiagnoser]
public class StreamBenchmarks
{
    private readonly StreamBenchSignal _signal = new();
    private TestCluster _cluster = null!;
    private IAsyncStream<SiteCounted>[] _streams = [];

    [Params(10_000)]
    public int Events { get; set; }

    [Params(1, 100)]
    public int Streams { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _cluster = new TestClusterBuilder()
            .AddGrain<IBenchConsumerGrain, BenchConsumerGrain>()
            .ConfigureServices(s => s.AddSingleton(_signal))
            .BuildAndStartAsync().GetAwaiter().GetResult();
        _streams = [.. Enumerable.Range(0, Streams).Select(i => _cluster.StreamProvider.GetStream<SiteCounted>(BenchConsumerGrain.Namespace, $"site-{i}"))];
    }

    [GlobalCleanup]
    public void Cleanup() => _cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public async Task PublishConsume_OnNext()
    {
        var done = _signal.Expect(Events);
        var publishes = new Task[Events];
        for (var i = 0; i < Events; i++)
        {
            publishes[i] = _streams[i % _streams.Length].OnNextAsync(new SiteCounted(i));
        }

        await Task.WhenAll(publishes);
        await done;
    }

    [Benchmark]
    public async Task PublishConsume_OnNextBatch()
    {
        var done = _signal.Expect(Events);
        var perStream = Events / _streams.Length;
        await Task.WhenAll(_streams.Select(s => s.OnNextBatchAsync(Enumerable.Range(0, perStream).Select(i => new SiteCounted(i)))));
        await done;
    }
}
