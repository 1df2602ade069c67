using BenchmarkDotNet.Attributes;
using JobHome.Actors;
using JobHome.Actors.Testing;

namespace JobHome.Benchmarks.Runtime;

/// <summary>Local grain call round trips through reference, request object and dispatcher (in-memory storage).</summary>
[MemoryDiagnoser]
public class GrainCallBenchmarks
{
    private readonly PlacementQuery _query = new("seeker-3301", "post-42", 20);
    private TestCluster _cluster = null!;
    private IBenchGrain _grain = null!;

    [GlobalSetup]
    public void Setup()
    {
        _cluster = new TestClusterBuilder().AddGrain<IBenchGrain, BenchGrain>().BuildAndStartAsync().GetAwaiter().GetResult();
        _grain = _cluster.GrainFactory.GetGrain<IBenchGrain>("bench");
        _grain.PingAsync().GetAwaiter().GetResult();
        _cluster.GrainFactory.GetGrain<IBenchGrain>("other").PingAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>No arguments, no result.</summary>
    [Benchmark(Baseline = true)]
    public Task LocalCall_NoArgs() => _grain.PingAsync();

    /// <summary>A small record argument and an int result.</summary>
    [Benchmark]
    public Task<int> LocalCall_SmallRecord() => _grain.QueryAsync(_query);

    /// <summary>The grain method awaits (Task.Yield): queued continuation, promise and completion on the activation.</summary>
    [Benchmark]
    public Task<int> LocalCall_AsyncGrainMethod() => _grain.YieldingAsync();

    /// <summary>Grain-to-grain call (two hops: client → bench → other).</summary>
    [Benchmark]
    public Task<int> LocalCall_GrainToGrain() => _grain.CallOtherAsync("other");

    /// <summary>GetGrain: creating a reference.</summary>
    [Benchmark]
    public IBenchGrain GetGrain_Reference() => _cluster.GrainFactory.GetGrain<IBenchGrain>("bench");
}
