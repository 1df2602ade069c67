namespace JobHome.Storage.Tests.Guarantees.Grains;

/// <summary>Publishes numbered events in batches of up to 50.</summary>
public sealed class StreamProducerGrain : Grain, IStreamProducerGrain
{
    /// <inheritdoc />
    public Task PublishAsync(Guid streamKey, int count) => PublishToAsync(StreamConsumerGrain.Namespace, streamKey, count);

    /// <inheritdoc />
    public async Task PublishToAsync(string streamNamespace, Guid streamKey, int count)
    {
        var stream = this.GetStreamProvider(StorageNames.Streams).GetStream<int>(StreamId.Create(streamNamespace, streamKey));
        foreach (var batch in Enumerable.Range(1, count).Chunk(50))
        {
            await stream.OnNextBatchAsync(batch);
        }
    }
}
