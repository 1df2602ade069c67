using System.Reflection;
using JobHome.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace JobHome.Silo.Tests.Hosting;

/// <summary>
/// The Orleans Dashboard's grain profiler filter is entered only while its profiler is on: the silo's services hold the
/// gate in the filter's place, the gate follows the profiler's on/off state, and while off a grain call goes straight on
/// (the call's own task, nothing of the filter's).
/// </summary>
public sealed class OrleansDashboardProfilerGateTests
{
    [Fact]
    public void AddDashboard_SiloServices_HoldTheGateInTheProfilerFiltersPlaceFollowingTheProfiler()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            OrleansDashboardTelemetry.AddDashboard(silo);
        });
        using var host = builder.Build();

        var filters = host.Services.GetServices<IIncomingGrainCallFilter>().ToList();
        Assert.DoesNotContain(filters, f => f.GetType().FullName == OrleansDashboardProfilerGate.FilterTypeName);
        var gate = Assert.Single(filters.OfType<OrleansDashboardProfilerGate>());

        // The dashboard turns its profiler on and off through the profiler's Enable (internal to the dashboard).
        var profilerType = typeof(Orleans.Dashboard.GrainProfilerOptions).Assembly.GetType("Orleans.Dashboard.Metrics.IGrainProfiler", throwOnError: true)!;
        var profiler = host.Services.GetRequiredService(profilerType);
        var enable = profilerType.GetMethod("Enable", BindingFlags.Public | BindingFlags.Instance)!;
        Assert.False(gate.IsProfiling);
        enable.Invoke(profiler, [true]);
        Assert.True(gate.IsProfiling);
        enable.Invoke(profiler, [false]);
        Assert.False(gate.IsProfiling);
    }

    [Fact]
    public async Task Invoke_ProfilerOff_PassesTheCallsOwnTaskWithoutTheFilter()
    {
        var filter = new CountingFilter();
        var gate = new OrleansDashboardProfilerGate(filter, () => false);
        var context = FakeCall.Create(out var call);

        var task = gate.Invoke(context);

        Assert.Same(call.Next, task);
        Assert.Equal(1, call.Invokes);
        Assert.Equal(0, filter.Calls);
        call.Finish();
        await task;
    }

    [Fact]
    public async Task Invoke_ProfilerOn_GoesThroughTheFilter()
    {
        var filter = new CountingFilter();
        var gate = new OrleansDashboardProfilerGate(filter, () => true);
        var context = FakeCall.Create(out var call);

        var task = gate.Invoke(context);
        call.Finish();
        await task;

        Assert.Equal(1, filter.Calls);
        Assert.Equal(1, call.Invokes);
    }

    private sealed class CountingFilter : IIncomingGrainCallFilter
    {
        public int Calls { get; private set; }

        public async Task Invoke(IIncomingGrainCallContext context)
        {
            Calls++;
            await context.Invoke();
        }
    }

    /// <summary>A grain call context whose <c>Invoke</c> (the rest of the call) is a task the test finishes.</summary>
    public class FakeCall : DispatchProxy
    {
        private readonly TaskCompletionSource _rest = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Next => _rest.Task;

        public int Invokes { get; private set; }

        public static IIncomingGrainCallContext Create(out FakeCall call)
        {
            var context = DispatchProxy.Create<IIncomingGrainCallContext, FakeCall>();
            call = (FakeCall)(object)context;
            return context;
        }

        public void Finish() => _rest.SetResult();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name == nameof(IIncomingGrainCallContext.Invoke))
            {
                Invokes++;
                return Next;
            }
            throw new NotSupportedException($"the gate should not use {targetMethod?.Name}");
        }
    }
}
