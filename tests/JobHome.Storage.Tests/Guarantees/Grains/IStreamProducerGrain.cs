namespace JobHome.Storage.Tests.Guarantees.Grains;

/// <summary>Publishes numbered events on the durable stream provider.</summary>
[Alias("jobhome.tests.guarantees.stream-producer")]
public interface IStreamProducerGrain : IGrainWithGuidKey
{
    /// <summary>Publishes 1..<paramref name="count"/> on the stream (<see cref="StreamConsumerGrain.Namespace"/>, <paramref name="streamKey"/>) in batches.</summary>
    Task PublishAsync(Guid streamKey, int count);

    /// <summary>Publishes 1..<paramref name="count"/> on the stream (<paramref name="streamNamespace"/>, <paramref name="streamKey"/>) in batches.</summary>
    Task PublishToAsync(string streamNamespace, Guid streamKey, int count);
}
