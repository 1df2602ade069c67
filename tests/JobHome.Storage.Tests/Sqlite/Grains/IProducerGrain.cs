using Orleans;

namespace JobHome.Storage.Tests.Sqlite.Grains;

/// <summary>Publishes test events from inside the silo.</summary>
[Alias("jobhome.tests.producer")]
public interface IProducerGrain : IGrainWithStringKey
{
    [Alias("publish-batch")]
    Task PublishBatchAsync(string streamKey, IReadOnlyList<TestEvent> events);

    /// <summary>Publishes to the stream of <see cref="NumberedConsumerGrain"/> (dedupes by event id).</summary>
    [Alias("publish-numbered")]
    Task PublishNumberedAsync(string streamKey, IReadOnlyList<TestEvent> events);
}
