using Orleans;

namespace JobHome.Storage.Tests.Sqlite.Grains;

/// <summary>A counter persisted in the default grain storage.</summary>
[Alias("jobhome.tests.counter")]
public interface ICounterGrain : IGrainWithStringKey
{
    [Alias("increment")]
    Task<long> IncrementAsync();

    [Alias("get")]
    Task<long> GetAsync();

    [Alias("deactivate")]
    Task DeactivateAsync();
}
