using Orleans;

namespace JobHome.Benchmarks.Orleans;

/// <summary>Publishes benchmark events from inside the silo.</summary>
[Alias("jobhome.bench.stream-producer")]
public interface IStreamBenchProducerGrain : IGrainWithStringKey
{
    /// <summary>Publishes <paramref name="count"/> events to stream <paramref name="streamKey"/> in batches of <paramref name="batchSize"/>.</summary>
    [Alias("publish")]
    Task PublishAsync(string streamKey, int count, int batchSize);
}
