using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using JobHome.Grains.Diagnostics;
using JobHome.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace JobHome.Grains.Tests.Diagnostics;

/// <summary>
/// The grain call timings on a real in-process silo: a call held at a barrier while the fake clock moves 2.5 s is recorded
/// with that duration and counted slow (threshold 1 s), per grain type and method; a call made from inside the silo is
/// recorded as a round trip of its caller (every round trip timed here); a call that ends at once is timed 0 and not
/// counted slow; a call that fails at once fails as before and is timed once. <see cref="GrainCallTimingSamplingTests"/>: a caller's call outside the round-trip sample is not timed,
/// while the target's time and the slow count stay exact.
/// </summary>
/// <remarks>
/// One collection with <see cref="GrainCallTimingSamplingTests"/>: the meter is static, so a listener sees the calls of
/// every silo in the process and the two classes must not run at once.
/// </remarks>
[Collection(nameof(GrainCallTimingTests))]
public class GrainCallTimingTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero));
    private readonly CallBarrier _barrier = new();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, string Method)> _measured = new();
    private InProcessTestCluster _cluster = null!;

    /// <summary>The round-trip sampling of the silo under test (<see cref="GrainCallTimingOptions.RoundtripSampleEvery"/>).</summary>
    protected virtual int RoundtripSampleEvery => 1;

    /// <summary>The fake clock of the silo.</summary>
    protected FakeTimeProvider Time => _time;

    /// <summary>The barrier the test grains wait at.</summary>
    protected CallBarrier Barrier => _barrier;

    /// <summary>The cluster (one silo).</summary>
    protected InProcessTestCluster Cluster => _cluster;

    /// <inheritdoc />
    public virtual async Task InitializeAsync()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GrainCallTiming.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i.Name, v, tags));
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i.Name, v, tags));
        _listener.Start();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(_barrier);
            silo.Services.AddSingleton(new GrainCallTimingOptions
            {
                SlowCallThreshold = TimeSpan.FromSeconds(1),
                RoundtripSampleEvery = RoundtripSampleEvery,
            });
            silo.Services.AddJobHomeGrains(time: _time);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        _listener.Dispose();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public virtual async Task Invoke_CallHeldPastThreshold_RecordsDurationAndCountsSlow()
    {
        var call = _cluster.Client.GetGrain<IBarrierGrain>("held").WaitAsync();
        await _barrier.Entered;
        _time.Advance(TimeSpan.FromMilliseconds(2_500));
        _barrier.Open();
        await call;

        Assert.Equal([2_500d], Values("jobhome.grain_call.duration", nameof(IBarrierGrain.WaitAsync)));
        Assert.Equal([1d], Values("jobhome.grain_call.slow", nameof(IBarrierGrain.WaitAsync)));

        await _cluster.Client.GetGrain<IBarrierGrain>("quick").PingAsync();
        Assert.Equal([0d], Values("jobhome.grain_call.duration", nameof(IBarrierGrain.PingAsync)));
        Assert.Empty(Values("jobhome.grain_call.slow", nameof(IBarrierGrain.PingAsync)));
    }

    [Fact]
    public async Task Invoke_CallThatFailsAtOnce_FailsAsBeforeAndIsTimedOnce()
    {
        var failing = _cluster.Client.GetGrain<IBarrierGrain>("failing");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(failing.FailAsync);
        Assert.Equal("failing by design", error.Message);

        Assert.Equal([0d], Values("jobhome.grain_call.duration", nameof(IBarrierGrain.FailAsync)));
        Assert.Empty(Values("jobhome.grain_call.slow", nameof(IBarrierGrain.FailAsync)));
    }

    [Fact]
    public virtual async Task Invoke_CallFromInsideTheSilo_RecordsTheCallersRoundtrip()
    {
        var call = _cluster.Client.GetGrain<IBarrierGrain>("caller").RelayAsync("callee");
        await _barrier.Entered;
        _time.Advance(TimeSpan.FromMilliseconds(1_200));
        _barrier.Open();
        await call;

        // The grain's call to the other grain (the test's own client is outside the silo and not timed).
        Assert.Equal([1_200d], Values("jobhome.grain_call.roundtrip", nameof(IBarrierGrain.WaitAsync)));
        Assert.Equal([1_200d], Values("jobhome.grain_call.duration", nameof(IBarrierGrain.WaitAsync)));
        Assert.Equal([1_200d], Values("jobhome.grain_call.duration", nameof(IBarrierGrain.RelayAsync)));
        Assert.Equal(2, Values("jobhome.grain_call.slow", null).Count);
    }

    private void Record(string instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? grainType = null;
        string? method = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "grain_type")
            {
                grainType = tag.Value as string;
            }
            else if (tag.Key == "method")
            {
                method = tag.Value as string;
            }
        }
        // The silo's own system calls are timed too; only the test grain's count here.
        if (grainType == "barrier" && method is not null)
        {
            _measured.Enqueue((instrument, value, method));
        }
    }

    /// <summary>The values the test grain's calls recorded on <paramref name="instrument"/> (all methods when null).</summary>
    protected List<double> Values(string instrument, string? method) =>
        [.. _measured.Where(m => m.Instrument == instrument && (method is null || m.Method == method)).Select(m => m.Value)];
}

/// <summary>
/// Round trips sampled so that no call of the test is in the sample (one in <see cref="int.MaxValue"/>): the grain's call
/// to another grain records no round trip, and the target's time, its count and the slow count are exact all the same.
/// </summary>
[Collection(nameof(GrainCallTimingTests))]
public sealed class GrainCallTimingSamplingTests : GrainCallTimingTests
{
    /// <inheritdoc />
    protected override int RoundtripSampleEvery => int.MaxValue;

    /// <inheritdoc />
    [Fact]
    public override async Task Invoke_CallFromInsideTheSilo_RecordsTheCallersRoundtrip()
    {
        var call = Cluster.Client.GetGrain<IBarrierGrain>("caller").RelayAsync("callee");
        await Barrier.Entered;
        Time.Advance(TimeSpan.FromMilliseconds(1_200));
        Barrier.Open();
        await call;

        Assert.Empty(Values("jobhome.grain_call.roundtrip", null));
        Assert.Equal([1_200d], Values("jobhome.grain_call.duration", nameof(IBarrierGrain.WaitAsync)));
        Assert.Equal([1_200d], Values("jobhome.grain_call.duration", nameof(IBarrierGrain.RelayAsync)));
        Assert.Equal(2, Values("jobhome.grain_call.slow", null).Count);
    }
}
