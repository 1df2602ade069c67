namespace JobHome.Storage.Tests.Guarantees.Grains;

/// <summary>Publishes numbered events in batches of up to 50.</summary>
public sealed class StreamProducerGrain : Grain, IStreamProducerGrain
{
    /// <inheritdoc />
    public async Task PublishAsync(Guid streamKey, int count)
    {
        var stream = this.GetStreamProvider(StorageNames.Streams)
            .GetStream<int>(StreamId.Create(StreamConsumerGrain.Namespace, streamKey));
        foreach (var batch in Enumerable.Range(1, count).Chunk(50))
        {
            await stream.OnNextBatchAsync(batch);
        }
    }
}
