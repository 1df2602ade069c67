using System.Collections.Concurrent;
using JobHome.Storage.Calls;
using JobHome.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Serialization.Invocation;
using Orleans.TestingHost;

namespace JobHome.Grains.Tests.Diagnostics;

/// <summary>
/// Outgoing call observers on a real in-process silo: the calls an observer chooses are reported with how they ended (an
/// answer, or the target's own exception, which the caller still gets), the calls it does not choose and one-way calls are
/// not reported, observing puts no outgoing grain call filter on the silo (Orleans' pooled path stays), and registering an
/// observer twice, or before Orleans' own services, installs it once.
/// </summary>
public sealed class OutgoingCallObservationTests : IAsyncLifetime
{
    private readonly CallBarrier _barrier = new();
    private readonly WatchingObserver _observer = new(nameof(IBarrierGrain.WaitAsync), nameof(IBarrierGrain.FailAsync));
    private InProcessTestCluster _cluster = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(_barrier);
            silo.Services.AddSingleton(_observer);
            silo.Services.AddOutgoingCallObserver<WatchingObserver>();
            silo.Services.AddOutgoingCallObserver<WatchingObserver>();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task ChosenCall_Answered_IsReportedOnceWithoutFailure()
    {
        var silo = _cluster.Silos[0].ServiceProvider;
        var call = silo.GetRequiredService<IGrainFactory>().GetGrain<IBarrierGrain>("held").WaitAsync();
        await _barrier.Entered;
        Assert.Empty(_observer.Completed);
        _barrier.Open();
        await call;

        var (method, failure) = Assert.Single(_observer.Completed);
        Assert.Equal(nameof(IBarrierGrain.WaitAsync), method);
        Assert.Null(failure);
    }

    [Fact]
    public async Task ChosenCall_TargetThrows_IsReportedWithTheTargetsExceptionAndTheCallerStillGetsIt()
    {
        var silo = _cluster.Silos[0].ServiceProvider;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => silo.GetRequiredService<IGrainFactory>().GetGrain<IBarrierGrain>("failing").FailAsync());
        Assert.Equal("failing by design", error.Message);

        var (method, failure) = Assert.Single(_observer.Completed);
        Assert.Equal(nameof(IBarrierGrain.FailAsync), method);
        Assert.IsType<InvalidOperationException>(failure);
    }

    [Fact]
    public async Task CallNotChosen_IsOfferedButNotReported()
    {
        var silo = _cluster.Silos[0].ServiceProvider;
        await silo.GetRequiredService<IGrainFactory>().GetGrain<IBarrierGrain>("quick").PingAsync();

        Assert.Contains(nameof(IBarrierGrain.PingAsync), _observer.Offered);
        Assert.Empty(_observer.Completed);
    }

    [Fact]
    public void Silo_ObservingCalls_HasNoOutgoingGrainCallFilterAndOneObserverEach()
    {
        var silo = _cluster.Silos[0].ServiceProvider;

        Assert.Empty(silo.GetServices<IOutgoingGrainCallFilter>());
        Assert.Same(_observer, Assert.Single(silo.GetServices<IOutgoingCallObserver>()));
        Assert.Equal("ObservedGrainReferenceRuntime", silo.GetRequiredService<IGrainReferenceRuntime>().GetType().Name);
    }

    [Fact]
    public async Task Observer_RegisteredBeforeOrleans_IsInstalledAndSeesTheCalls()
    {
        var observer = new WatchingObserver(nameof(IBarrierGrain.PingAsync));
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(new CallBarrier());
        builder.Services.AddSingleton(observer);
        builder.Services.AddOutgoingCallObserver<WatchingObserver>();
        var ports = FreePorts.Take(2);
        builder.UseOrleans(silo => silo.UseLocalhostClustering(siloPort: ports[0], gatewayPort: ports[1]));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IBarrierGrain>("early").PingAsync();
        }
        finally
        {
            await host.StopAsync();
        }

        Assert.Equal("ObservedGrainReferenceRuntime", host.Services.GetRequiredService<IGrainReferenceRuntime>().GetType().Name);
        var (method, failure) = Assert.Single(observer.Completed);
        Assert.Equal(nameof(IBarrierGrain.PingAsync), method);
        Assert.Null(failure);
    }

    /// <summary>Chooses the test grain's calls to the named methods and notes what it was offered and told.</summary>
    private sealed class WatchingObserver(params string[] chosen) : IOutgoingCallObserver
    {
        public ConcurrentQueue<string> Offered { get; } = new();

        public ConcurrentQueue<(string Method, Exception? Failure)> Completed { get; } = new();

        public object? OnSending(GrainReference target, IInvokable request)
        {
            if (request.GetInterfaceType() != typeof(IBarrierGrain))
            {
                return null;
            }

            var method = request.GetMethodName();
            Offered.Enqueue(method);
            return chosen.Contains(method) ? method : null;
        }

        public void OnCompleted(object state, Exception? failure) => Completed.Enqueue(((string)state, failure));
    }
}
