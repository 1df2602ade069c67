using JobHome.Actors;

namespace JobHome.Benchmarks.Runtime;

/// <summary>Benchmark grain interface.</summary>
public interface IBenchGrain : IGrainWithStringKey
{
    Task PingAsync();

    Task<int> QueryAsync(PlacementQuery query);

    Task<int> YieldingAsync();

    Task<int> CallOtherAsync(string otherKey);

    Task WriteAsync(int value);
}
