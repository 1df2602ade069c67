using System.Diagnostics.Metrics;
using System.Text.Json;
using JobHome.Actors.Dispatch;
using JobHome.Actors.Testing;
using JobHome.Actors.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace JobHome.Actors.Tests.Runtime;

/// <summary>Hosting, registration, stateless workers and transport readiness (storage-independent).</summary>
public sealed class SiloRuntimeTests : IAsyncLifetime
{
    private readonly GrainProbe _probe = new();
    private TestCluster? _cluster;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task StartAsync_NoStorageProvider_FailsNamingTheRegistrations()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        builder.Services.AddJobHomeSilo(o => o.AddGrain<ICounterGrain, CounterGrain>());
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("AddJobHomeSqliteStorage", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddJobHomePostgresStorage", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddJobHomeInMemoryStorage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetGrain_UnregisteredInterface_ThrowsNamingAddGrain()
    {
        var cluster = await StartAsync();

        var error = Assert.Throws<InvalidOperationException>(() => cluster.GrainFactory.GetGrain<IWorkerGrain>("x"));

        Assert.Contains("AddGrain<IWorkerGrain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatelessWorker_ConcurrentCalls_RunOnSeveralLocalActivations()
    {
        var cluster = await StartAsync(b => b.AddGrain<IWorkerGrain, WorkerGrain>());
        var worker = cluster.GrainFactory.GetGrain<IWorkerGrain>("index");

        var calls = Enumerable.Range(0, 3).Select(_ => worker.WorkAsync("go")).ToArray();
        await _probe.WaitAsync("worker-entered-3");
        _probe.Set("go");
        var instances = await Task.WhenAll(calls);

        Assert.Equal(3, instances.Distinct().Count());
    }

    [Fact]
    public async Task GeneratedRequest_RoundTripsThroughJson_AndIsDeliveredLikeATransportMessage()
    {
        var cluster = await StartAsync();
        var requestType = typeof(ICounterGrain).Assembly.GetTypes()
            .Single(t => t.BaseType == typeof(GrainRequest<int>) && t.Name.StartsWith("Request_AddAsync_", StringComparison.Ordinal));
        var original = (GrainRequest<int>)Activator.CreateInstance(requestType)!;
        requestType.GetProperty("Request")!.SetValue(original, new AddRequest(41, "fair 招聘会"));

        var json = JsonSerializer.SerializeToUtf8Bytes(original, requestType);
        var received = (GrainRequestBase)JsonSerializer.Deserialize(json, requestType)!;
        var runtime = cluster.Services.GetRequiredService<GrainRuntime>();
        var result = (Task<int>)runtime.DeliverAsync(typeof(ICounterGrain).FullName!, "wire", received);

        Assert.Equal(41, await result);
        Assert.Equal(41, await cluster.GrainFactory.GetGrain<ICounterGrain>("wire").GetAsync());
    }

    [Fact]
    public async Task Metrics_EveryRuntimeInstrument_IsRecordedOnTheJobHomeActorsMeter()
    {
        var cluster = await StartAsync(b => b.AddGrain<IProfileGrain, ProfileGrain>().AddGrain<ISiteFeedGrain, SiteFeedGrain>());
        var counts = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        long activations = -1;
        var lagRecorded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Other test classes run silos in parallel: listen to this cluster's meter only (scoped to its meter factory).
        var scope = cluster.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "JobHome.Actors" && ReferenceEquals(instrument.Meter.Scope, scope))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "jobhome.actors.activations")
            {
                Interlocked.Exchange(ref activations, value);
            }
            else
            {
                counts.AddOrUpdate(instrument.Name, value, (_, old) => old + value);
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (value < 0)
            {
                counts.AddOrUpdate("negative " + instrument.Name, 1, (_, old) => old + 1);
            }
            // The agent records delivery metrics after the handler returns: signal when the fifth lag is in.
            if (counts.AddOrUpdate(instrument.Name, 1, (_, old) => old + 1) == 5 && instrument.Name == "jobhome.actors.stream.lag")
            {
                lagRecorded.TrySetResult();
            }
        });
        listener.Start();

        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("metered");
        for (var i = 0; i < 10; i++)
        {
            await grain.IncrementAsync();
        }
        await cluster.GrainFactory.GetGrain<IProfileGrain>("metered-profile").SetNameAsync("A");
        var stream = cluster.StreamProvider.GetStream<SiteEvent>(SiteFeedGrain.Namespace, "metered-feed");
        await stream.OnNextBatchAsync(Enumerable.Range(1, 5).Select(i => new SiteEvent(i)));
        await _probe.WaitAsync("feed-metered-feed-5");
        await lagRecorded.Task.WaitAsync(TimeSpan.FromMinutes(1));
        listener.RecordObservableInstruments();

        Assert.True(counts.GetValueOrDefault("jobhome.actors.calls") >= 11, "calls");
        Assert.True(counts.GetValueOrDefault("jobhome.actors.turn.duration") >= 11, "turn duration");
        Assert.True(counts.GetValueOrDefault("jobhome.actors.storage.duration") >= 1, "storage latency");
        Assert.Equal(5, counts.GetValueOrDefault("jobhome.actors.stream.delivered"));
        Assert.Equal(5, counts.GetValueOrDefault("jobhome.actors.stream.lag"));
        Assert.True(Interlocked.Read(ref activations) >= 3, $"activations: {activations}");
        Assert.DoesNotContain(counts.Keys, k => k.StartsWith("negative ", StringComparison.Ordinal));
    }

    private async Task<TestCluster> StartAsync(Action<TestClusterBuilder>? configure = null)
    {
        var builder = new TestClusterBuilder()
            .AddGrain<ICounterGrain, CounterGrain>()
            .ConfigureServices(s => s.AddSingleton(_probe));
        configure?.Invoke(builder);
        _cluster = await builder.BuildAndStartAsync();
        return _cluster;
    }
}
