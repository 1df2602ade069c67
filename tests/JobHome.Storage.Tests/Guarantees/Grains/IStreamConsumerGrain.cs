namespace JobHome.Storage.Tests.Guarantees.Grains;

/// <summary>Receives the events of its stream through an implicit subscription.</summary>
[Alias("jobhome.tests.guarantees.stream-consumer")]
public interface IStreamConsumerGrain : IGrainWithGuidKey
{
    /// <summary>How many distinct events this activation has received.</summary>
    Task<int> CountAsync();
}
