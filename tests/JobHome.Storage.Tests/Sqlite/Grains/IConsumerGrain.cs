using Orleans;

namespace JobHome.Storage.Tests.Sqlite.Grains;

/// <summary>Implicitly subscribed consumer of the test namespace; one per stream key.</summary>
[Alias("jobhome.tests.consumer")]
public interface IConsumerGrain : IGrainWithStringKey
{
    [Alias("get")]
    Task<ConsumerState> GetAsync();
}
