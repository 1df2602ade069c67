using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace JobHome.Benchmarks.Orleans;

/// <summary>
/// Orleans 10 grain call round trips: local calls from the silo's own grain factory (co-hosted client) with no,
/// copied and <c>[Immutable]</c> arguments, and a grain-to-grain call across two silos on loopback.
/// </summary>
[MemoryDiagnoser]
public class OrleansGrainCallBenchmarks
{
    private readonly CallQuery _query = new("seeker-3301", "post-42", 20);
    private readonly ImmutableCallQuery _immutableQuery = new("seeker-3301", "post-42", 20);
    private InProcessTestCluster _cluster = null!;
    private ICallGrain _local = null!;
    private ICallGrain _caller = null!;

    [GlobalSetup]
    public void Setup()
    {
        _cluster = new InProcessTestClusterBuilder(2).Build();
        _cluster.DeployAsync().GetAwaiter().GetResult();
        var first = _cluster.Silos[0].ServiceProvider.GetRequiredService<IGrainFactory>();
        var second = _cluster.Silos[1].ServiceProvider.GetRequiredService<IGrainFactory>();
        _local = first.GetGrain<ICallGrain>("local");
        _caller = first.GetGrain<ICallGrain>("caller");
        var remote = second.GetGrain<ICallGrain>("remote");
        _local.PingAsync().GetAwaiter().GetResult();
        _caller.PingAsync().GetAwaiter().GetResult();
        remote.PingAsync().GetAwaiter().GetResult();
        if (_caller.GetSiloAsync().GetAwaiter().GetResult() == remote.GetSiloAsync().GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("caller and remote grains landed on one silo; the cross-silo benchmark would be local");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>No arguments, no result.</summary>
    [Benchmark(Baseline = true)]
    public Task LocalCall_NoArgs() => _local.PingAsync();

    /// <summary>A small record argument (deep-copied) and an int result.</summary>
    [Benchmark]
    public Task<int> LocalCall_SmallRecord() => _local.QueryAsync(_query);

    /// <summary>The same record marked <c>[Immutable]</c>: no copy.</summary>
    [Benchmark]
    public Task<int> LocalCall_ImmutableRecord() => _local.QueryImmutableAsync(_immutableQuery);

    /// <summary>Local call to a grain that calls a grain on the other silo over loopback TCP (serialised both ways).</summary>
    [Benchmark]
    public Task CrossSiloCall_GrainToGrain() => _caller.CallOtherAsync("remote");
}
