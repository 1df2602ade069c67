using Orleans;
using Orleans.Runtime;
using Orleans.Streams;

namespace JobHome.Storage.SqliteHost;

/// <summary>Publishes numbered events.</summary>
public sealed class KillProducerGrain : Grain, IKillProducerGrain
{
    /// <inheritdoc />
    public Task PublishAsync(string streamKey, int first, int count) =>
        this.GetStreamProvider(StorageNames.Streams)
            .GetStream<long>(StreamId.Create(KillConsumerGrain.Namespace, streamKey))
            .OnNextBatchAsync(Enumerable.Range(first, count).Select(e => (long)e).ToList());
}
