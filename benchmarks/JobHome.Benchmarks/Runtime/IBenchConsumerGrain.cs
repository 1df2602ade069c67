using JobHome.Actors;

namespace JobHome.Benchmarks.Runtime;

/// <summary>Consumer interface of the benchmark stream.</summary>
public interface IBenchConsumerGrain : IGrainWithStringKey
{
    Task<long> GetCountAsync();
}
