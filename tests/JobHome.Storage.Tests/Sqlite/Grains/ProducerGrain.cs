using Orleans;
using Orleans.Runtime;
using Orleans.Streams;

namespace JobHome.Storage.Tests.Sqlite.Grains;

public sealed class ProducerGrain : Grain, IProducerGrain
{
    public Task PublishBatchAsync(string streamKey, IReadOnlyList<TestEvent> events) =>
        this.GetStreamProvider(StorageNames.Streams)
            .GetStream<TestEvent>(StreamId.Create(ConsumerGrain.Namespace, streamKey))
            .OnNextBatchAsync(events);

    public Task PublishNumberedAsync(string streamKey, IReadOnlyList<TestEvent> events) =>
        this.GetStreamProvider(StorageNames.Streams)
            .GetStream<TestEvent>(StreamId.Create(NumberedConsumerGrain.Namespace, streamKey))
            .OnNextBatchAsync(events);
}
