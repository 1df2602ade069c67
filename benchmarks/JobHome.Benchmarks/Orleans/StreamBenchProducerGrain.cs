using JobHome.Storage;
using Orleans;
using Orleans.Runtime;
using Orleans.Streams;

namespace JobHome.Benchmarks.Orleans;

/// <summary>Publishes numbered events with <c>OnNextBatchAsync</c>.</summary>
public sealed class StreamBenchProducerGrain : Grain, IStreamBenchProducerGrain
{
    /// <inheritdoc />
    public async Task PublishAsync(string streamKey, int count, int batchSize)
    {
        var stream = this.GetStreamProvider(StorageNames.Streams).GetStream<long>(StreamId.Create(StreamBenchConsumerGrain.Namespace, streamKey));
        for (var i = 0; i < count; i += batchSize)
        {
            var events = new List<long>(batchSize);
            for (var e = i; e < Math.Min(count, i + batchSize); e++)
            {
                events.Add(e);
            }

            await stream.OnNextBatchAsync(events);
        }
    }
}
