using System.Reflection;
using JobHome.Storage.Tests.Guarantees.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;

namespace JobHome.Storage.Tests.Guarantees;

/// <summary>
/// What every durable store must give an Orleans cluster, run against one store per sealed subclass: state survives
/// deactivation and silo restarts, a stale ETag loses, reminders outlive their silos, stream events arrive.
/// </summary>
public abstract class StorageGuaranteeTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>The running cluster (built in <see cref="InitializeAsync"/>).</summary>
    protected InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>How many silos the cluster starts with. Default: 2.</summary>
    protected virtual short SiloCount => 2;

    /// <summary>Whether the provider brings its own clustering (then the test cluster's in-process membership is turned off).</summary>
    protected abstract bool UsesStoreClustering { get; }

    /// <summary>Creates an empty store with its schema; called once per test before the cluster starts.</summary>
    protected abstract Task CreateStoreAsync();

    /// <summary>Removes the store; called once per test after the cluster stopped.</summary>
    protected abstract Task DropStoreAsync();

    /// <summary>Registers the provider under test (storage, reminders, streams and clustering if it has one) on a silo.</summary>
    protected abstract void ConfigureSilo(ISiloBuilder siloBuilder);

    /// <summary>Lets the client find the silos when the provider brings its own clustering.</summary>
    protected abstract void ConfigureClient(IClientBuilder clientBuilder);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await CreateStoreAsync();
        var builder = new InProcessTestClusterBuilder(SiloCount);
        builder.Options.ConfigureFileLogging = false;
        if (UsesStoreClustering)
        {
            // The in-process test cluster registers its own membership table after the silo's configuration; that
            // switch is internal, and without it the store's clustering would never be exercised.
            typeof(InProcessTestClusterOptions)
                .GetProperty("UseTestClusterMembership", BindingFlags.Instance | BindingFlags.NonPublic)!
                .SetValue(builder.Options, false);
        }

        builder.ConfigureSilo((_, siloBuilder) =>
        {
            ConfigureSilo(siloBuilder);
            siloBuilder.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        });
        builder.ConfigureClient(ConfigureClient);
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await DropStoreAsync();
    }

    [Fact]
    public async Task WriteState_AfterDeactivation_StateIsReadBack()
    {
        var counter = Cluster.Client.GetGrain<ITallyGrain>(NewKey());
        await counter.AddAsync(2);
        await counter.AddAsync(3);

        await Cluster.DeactivateAsync(counter);

        Assert.Equal(5, await counter.GetAsync());
    }

    [Fact]
    public async Task WriteState_AfterEverySiloRestarted_StateIsReadBack()
    {
        var keys = Enumerable.Range(0, 8).Select(_ => NewKey()).ToList();
        foreach (var (key, i) in keys.Select((k, i) => (k, i)))
        {
            await Cluster.Client.GetGrain<ITallyGrain>(key).AddAsync(i + 1);
        }

        await RestartEverySiloAsync();

        foreach (var (key, i) in keys.Select((k, i) => (k, i)))
        {
            Assert.Equal(i + 1, await Cluster.Client.GetGrain<ITallyGrain>(key).GetAsync());
        }
    }

    [Fact]
    public async Task WriteStateAsync_StaleETag_ThrowsInconsistentStateException()
    {
        var storage = Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var grainId = GrainId.Create("jobhome-etag", NewKey());
        var first = new GrainState<TallyState>(new TallyState { Value = 1 });
        await storage.WriteStateAsync("counter", grainId, first);
        var current = new GrainState<TallyState>(new TallyState { Value = 2 }) { ETag = first.ETag };
        await storage.WriteStateAsync("counter", grainId, current);

        var stale = new GrainState<TallyState>(new TallyState { Value = 3 }) { ETag = first.ETag };
        var secondFirstWrite = new GrainState<TallyState>(new TallyState { Value = 4 });

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", grainId, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", grainId, secondFirstWrite));
        var read = new GrainState<TallyState>();
        await storage.ReadStateAsync("counter", grainId, read);
        Assert.Equal(2, read.State!.Value);
        Assert.Equal(current.ETag, read.ETag);
    }

    [Fact]
    public async Task ClearStateAsync_ThenStaleETag_ThrowsAndFreshStateIsEmpty()
    {
        var storage = Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var grainId = GrainId.Create("jobhome-clear", NewKey());
        var state = new GrainState<TallyState>(new TallyState { Value = 7 });
        await storage.WriteStateAsync("counter", grainId, state);
        var before = state.ETag;

        await storage.ClearStateAsync("counter", grainId, state);

        var read = new GrainState<TallyState>();
        await storage.ReadStateAsync("counter", grainId, read);
        Assert.False(read.RecordExists);
        Assert.Equal(0, read.State!.Value);
        var stale = new GrainState<TallyState>(new TallyState { Value = 8 }) { ETag = before };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", grainId, stale));
    }

    [Fact]
    public async Task Reminder_AfterEverySiloRestarted_Fires()
    {
        var key = NewKey();
        var probe = Cluster.Client.GetGrain<ITickerGrain>(key);
        var firstTick = TestProbe.ExpectAsync(key, 1);
        await probe.StartAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        await firstTick.WaitAsync(Patience);

        await RestartEverySiloAsync();
        var tickAfterRestart = TestProbe.ExpectAsync(key, 1);

        await tickAfterRestart.WaitAsync(Patience);
        await probe.StopAsync();
    }

    [Fact]
    public async Task Stream_PublishedInBatches_EveryEventArrives()
    {
        const int Events = 200;
        var streamKey = Guid.NewGuid();
        var arrived = TestProbe.ExpectAsync(streamKey.ToString("N"), Events);

        await Cluster.Client.GetGrain<IStreamProducerGrain>(Guid.NewGuid()).PublishAsync(streamKey, Events);

        await arrived.WaitAsync(Patience);
        Assert.Equal(Events, await Cluster.Client.GetGrain<IStreamConsumerGrain>(streamKey).CountAsync());
    }

    [Fact]
    public async Task Stream_ExplicitSubscription_EveryEventArrives()
    {
        const int Events = 100;
        var streamKey = Guid.NewGuid();
        await Cluster.Client.GetGrain<IExplicitSubscriberGrain>(Guid.NewGuid()).SubscribeAsync(streamKey);
        var arrived = TestProbe.ExpectAsync(streamKey.ToString("N"), Events);

        await Cluster.Client.GetGrain<IStreamProducerGrain>(Guid.NewGuid()).PublishToAsync(ExplicitSubscriberGrain.Namespace, streamKey, Events);

        await arrived.WaitAsync(Patience);
    }

    /// <summary>A key no other test uses.</summary>
    protected static string NewKey() => Guid.NewGuid().ToString("N");

    /// <summary>Stops and restarts each silo in turn, so no activation or in-memory reminder survives.</summary>
    protected async Task RestartEverySiloAsync()
    {
        foreach (var silo in Cluster.Silos.ToList())
        {
            await Cluster.RestartSiloAsync(silo);
        }

        await Cluster.WaitForLivenessToStabilizeAsync();
    }
}
