using Orleans;

namespace JobHome.Storage.Tests.Sqlite.Grains;

/// <summary>Implicitly subscribed consumer of the numbered namespace that dedupes by event id; one per stream key.</summary>
[Alias("jobhome.tests.numbered-consumer")]
public interface INumberedConsumerGrain : IGrainWithStringKey
{
    [Alias("get")]
    Task<NumberedConsumerState> GetAsync();
}
