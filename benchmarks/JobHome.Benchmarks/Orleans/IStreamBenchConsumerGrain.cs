using Orleans;

namespace JobHome.Benchmarks.Orleans;

/// <summary>Implicitly subscribed benchmark consumer.</summary>
[Alias("jobhome.bench.stream-consumer")]
public interface IStreamBenchConsumerGrain : IGrainWithStringKey;
