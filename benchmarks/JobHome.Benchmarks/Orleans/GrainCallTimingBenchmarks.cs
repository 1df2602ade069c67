using BenchmarkDotNet.Attributes;
using JobHome.Grains.Diagnostics;
using JobHome.Storage.Calls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Orleans.TestingHost;

namespace JobHome.Benchmarks.Orleans;

/// <summary>
/// What the grain call timings (<see cref="GrainCallTiming"/>, an incoming grain call filter and an outgoing call observer)
/// cost a grain call: one in-process silo with the metrics pipeline the silo's <c>/metrics</c> has (an OpenTelemetry meter provider
/// with the Prometheus exporter, listening to Orleans' meter and, but for <see cref="Timing.FilterUnlistened"/>, to the
/// timings' meter), without the filter (<see cref="Timing.Off"/>) and with it. Calls from the silo's own grain factory
/// (timed both ways: the caller's round trip and the target's run), one at a time and 64 at once, and a grain calling
/// another grain in the same silo (two calls, both timed both ways).
/// </summary>
[MemoryDiagnoser]
public class GrainCallTimingBenchmarks
{
    /// <summary>How the silo times its grain calls.</summary>
    public enum Timing
    {
        /// <summary>No timing filter (Orleans' meter still listened to).</summary>
        Off,

        /// <summary>The filter, its meter listened to as on <c>/metrics</c>: every call records its histograms.</summary>
        On,

        /// <summary>The filter, its meter not listened to: the filter's own cost without the histograms.</summary>
        FilterUnlistened,
    }

    private const int Concurrent = 64;

    private InProcessTestCluster _cluster = null!;
    private MeterProvider _metrics = null!;
    private ICallGrain _local = null!;
    private ICallGrain _caller = null!;
    private ICallGrain[] _many = null!;
    private Task[] _tasks = null!;

    /// <summary>The variant.</summary>
    [Params(Timing.Off, Timing.On, Timing.FilterUnlistened)]
    public Timing Filter { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_cluster, _metrics) = Start(Filter);
        var factory = _cluster.Silos[0].ServiceProvider.GetRequiredService<IGrainFactory>();
        _local = factory.GetGrain<ICallGrain>("local");
        _caller = factory.GetGrain<ICallGrain>("caller");
        _many = [.. Enumerable.Range(0, Concurrent).Select(i => factory.GetGrain<ICallGrain>($"many-{i}"))];
        _tasks = new Task[Concurrent];
        _local.PingAsync().GetAwaiter().GetResult();
        _caller.CallOtherAsync("other").GetAwaiter().GetResult();
        Task.WhenAll(_many.Select(g => g.PingAsync())).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Starts the metrics pipeline of <c>/metrics</c> (listening to the timings' meter only for <see cref="Timing.On"/>)
    /// and a one-silo in-process cluster with the timing filter unless <see cref="Timing.Off"/>.
    /// </summary>
    public static (InProcessTestCluster Cluster, MeterProvider Metrics) Start(Timing filter)
    {
        var meters = filter == Timing.On ? new[] { "Microsoft.Orleans", GrainCallTiming.MeterName } : ["Microsoft.Orleans"];
        var metrics = Sdk.CreateMeterProviderBuilder().AddMeter(meters).AddPrometheusExporter().Build();
        var builder = new InProcessTestClusterBuilder(1);
        if (filter != Timing.Off)
        {
            // As AddJobHomeGrains registers it: one instance, an incoming filter and an outgoing call observer.
            builder.ConfigureSilo((_, silo) =>
            {
                silo.Services.AddSingleton(sp => new GrainCallTiming(TimeProvider.System, new GrainCallTimingOptions(),
                    sp.GetRequiredService<ILogger<GrainCallTiming>>()));
                silo.Services.AddSingleton<IIncomingGrainCallFilter>(sp => sp.GetRequiredService<GrainCallTiming>());
                silo.Services.AddOutgoingCallObserver<GrainCallTiming>();
            });
        }
        var cluster = builder.Build();
        cluster.DeployAsync().GetAwaiter().GetResult();
        return (cluster, metrics);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _metrics.Dispose();
    }

    /// <summary>One call at a time from the silo's grain factory: no arguments, no result.</summary>
    [Benchmark(Baseline = true)]
    public Task LocalCall() => _local.PingAsync();

    /// <summary>64 calls at once to 64 grains (per call): the CPU a call costs when the silo is busy.</summary>
    [Benchmark(OperationsPerInvoke = Concurrent)]
    public Task LocalCalls_64AtOnce()
    {
        for (var i = 0; i < _many.Length; i++)
        {
            _tasks[i] = _many[i].PingAsync();
        }
        return Task.WhenAll(_tasks);
    }

    /// <summary>A call to a grain that calls another grain in the same silo (two grain calls).</summary>
    [Benchmark]
    public Task GrainToGrain() => _caller.CallOtherAsync("other");
}
