using BenchmarkDotNet.Attributes;
using JobHome.Actors.Testing;

namespace JobHome.Benchmarks.Runtime;

/// <summary>A grain call that serialises its state (System.Text.Json) and writes it to the in-memory provider with an ETag check.</summary>
[MemoryDiagnoser]
public class StateWriteBenchmarks
{
    private TestCluster _cluster = null!;
    private IBenchGrain _grain = null!;
    private int _value;

    [GlobalSetup]
    public void Setup()
    {
        _cluster = new TestClusterBuilder().AddGrain<IBenchGrain, BenchGrain>().BuildAndStartAsync().GetAwaiter().GetResult();
        _grain = _cluster.GrainFactory.GetGrain<IBenchGrain>("state");
        _grain.PingAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public Task InMemoryState_Write() => _grain.WriteAsync(++_value);
}
