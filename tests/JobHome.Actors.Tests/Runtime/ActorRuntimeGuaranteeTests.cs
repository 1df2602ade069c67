using JobHome.Actors.Storage;
using JobHome.Actors.Streams;
using JobHome.Actors.Testing;
using JobHome.Actors.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace JobHome.Actors.Tests.Runtime;

/// <summary>
/// The runtime's guarantees, run against one storage registration per sealed subclass (in-memory here; the provider
/// team subclasses it for SQLite and PostgreSQL). <see cref="AddStorage"/> is applied to every host a test builds, so a
/// restart must reach the same store.
/// </summary>
public abstract class ActorRuntimeGuaranteeTests : IAsyncLifetime
{
    private readonly List<TestCluster> _clusters = [];

    /// <summary>The probe shared by the test's grains (survives restarts).</summary>
    protected GrainProbe Probe { get; } = new();

    /// <summary>The fake clock of time-driven tests.</summary>
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    /// <summary>Registers the storage provider under test (the same store on every call within one test).</summary>
    protected abstract void AddStorage(IServiceCollection services);

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var cluster in _clusters)
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task GetGrain_ConcurrentFirstCalls_CreateOneActivation()
    {
        var cluster = await StartAsync();
        var calls = Enumerable.Range(0, 64)
            .Select(_ => Task.Run(() => cluster.GrainFactory.GetGrain<ICounterGrain>("first").GetInstanceAsync()))
            .ToArray();

        var instances = await Task.WhenAll(calls);

        Assert.Single(instances.Distinct());
    }

    [Fact]
    public async Task IncrementAsync_TenThousandConcurrentCalls_CountsExactlyWithoutInterleaving()
    {
        var cluster = await StartAsync();
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("hot");

        await Task.WhenAll(Enumerable.Range(0, 10_000).Select(i => i % 2 == 0
            ? grain.IncrementAsync()
            : Task.Run(() => cluster.GrainFactory.GetGrain<ICounterGrain>("hot").IncrementAsync())));

        Assert.Equal(10_000, await grain.GetAsync());
        var log = Probe.TurnLog.ToArray();
        Assert.Equal(20_000, log.Length);
        for (var i = 0; i < log.Length; i += 2)
        {
            Assert.Equal("enter hot", log[i]);
            Assert.Equal("exit hot", log[i + 1]);
        }
    }

    [Fact]
    public async Task ReentrantGrain_TwoCalls_InterleaveAtAwait()
    {
        var cluster = await StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IBarrierGrain>("r");

        var first = grain.EnterAndWaitAsync("b1");
        await Probe.WaitAsync("entered-b1");
        var second = grain.EnterAndWaitAsync("b2");

        // The second call enters while the first is still awaiting its barrier: that is interleaving.
        await Probe.WaitAsync("entered-b2");
        Assert.Equal(2, Probe.Count("reentrant-max-inside"));
        Probe.Set("b2");
        Probe.Set("b1");
        Assert.Equal(1, await first);
        Assert.Equal(2, await second);
    }

    [Fact]
    public async Task CallCycle_NonReentrantGrains_ThrowsDeadlockException()
    {
        var cluster = await StartAsync(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        var a = cluster.GrainFactory.GetGrain<IChainGrain>("a");

        var error = await Assert.ThrowsAsync<DeadlockException>(() => a.CallAsync("b", "a"));

        Assert.Contains("a", error.Message, StringComparison.Ordinal);
        Assert.Equal("a>b", await a.CallAsync("b", string.Empty));
    }

    [Fact]
    public async Task CallCycle_AlwaysInterleaveMethod_IsNotADeadlock()
    {
        var cluster = await StartAsync();
        var a = cluster.GrainFactory.GetGrain<IChainGrain>("a");

        Assert.Equal("interleaved a", await a.RelayAsync("b"));
        Assert.Equal("interleaved a", await a.InterleavedPingAsync());
    }

    [Fact]
    public async Task QueuedCall_BehindHangingTurn_TimesOutAfterResponseTimeout()
    {
        var cluster = await StartAsync(o => o.ResponseTimeout = TimeSpan.FromSeconds(5), fakeClock: true);
        var grain = cluster.GrainFactory.GetGrain<IChainGrain>("slow");
        await grain.PingAsync();

        var hanging = grain.HangAsync();
        await Probe.WaitAsync("hang-entered-slow");
        var queued = grain.PingAsync();
        Assert.False(queued.IsCompleted);

        Clock.Advance(TimeSpan.FromSeconds(6));

        await Assert.ThrowsAsync<TimeoutException>(() => queued);
        await Assert.ThrowsAsync<TimeoutException>(() => hanging);
        Probe.Set("never-slow");
    }

    [Fact]
    public async Task GrainException_ReachesCallerWithTypeAndMessage_ActivationKeepsState()
    {
        var cluster = await StartAsync();
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("faulty");
        await grain.IncrementAsync();
        var instance = await grain.GetInstanceAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.FailAsync("bad input 坏"));

        Assert.Equal("bad input 坏", error.Message);
        Assert.Equal(1, await grain.GetAsync());
        Assert.Equal(instance, await grain.GetInstanceAsync());
    }

    [Fact]
    public async Task OnActivateAsync_Throws_CallerGetsErrorAndNextCallActivatesAgain()
    {
        var cluster = await StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IFragileGrain>("f");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.GetActivationAttemptAsync());

        Assert.Equal("database unreachable during activation", error.Message);
        Assert.Equal(2, await grain.GetActivationAttemptAsync());
    }

    [Fact]
    public async Task StopAsync_RunningActivations_DeactivateWithShuttingDown()
    {
        var cluster = await StartAsync();
        await cluster.GrainFactory.GetGrain<IProfileGrain>("stopping").GetAsync();

        await cluster.StopAsync();

        Assert.Contains("deactivated stopping ShuttingDown", Probe.Events);
    }

    [Fact]
    public async Task AddAsync_SmallRecordArgument_ReturnsResult()
    {
        var cluster = await StartAsync();
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("records");

        Assert.Equal(5, await grain.AddAsync(new AddRequest(5, "x")));
        Assert.Equal(12, await grain.AddAsync(new AddRequest(7, "y")));
    }

    [Fact]
    public async Task IdleActivation_AfterCollectionAge_IsDeactivatedAndReactivatedOnNextCall()
    {
        var cluster = await StartAsync(o => o.CollectionAge = TimeSpan.FromMinutes(10), fakeClock: true);
        var grain = cluster.GrainFactory.GetGrain<IProfileGrain>("idle");
        var first = await grain.GetInstanceAsync();

        Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.False(Probe.IsSet("deactivated-idle"));
        Clock.Advance(TimeSpan.FromMinutes(7));
        await Probe.WaitAsync("deactivated-idle");

        Assert.Contains("deactivated idle IdleCollection", Probe.Events);
        Assert.NotEqual(first, await grain.GetInstanceAsync());
        Assert.Equal(2, Probe.Count("profile-activations-idle"));
    }

    [Fact]
    public async Task BusyActivation_IsNotCollected()
    {
        var cluster = await StartAsync(o => o.CollectionAge = TimeSpan.FromMinutes(10), fakeClock: true);
        var grain = cluster.GrainFactory.GetGrain<IProfileGrain>("busy");
        var first = await grain.GetInstanceAsync();

        for (var i = 0; i < 6; i++)
        {
            Clock.Advance(TimeSpan.FromMinutes(4));
            Assert.Equal(first, await grain.GetInstanceAsync());
        }

        Assert.False(Probe.IsSet("deactivated-busy"));
    }

    [Fact]
    public async Task PersistentState_SurvivesDeactivation()
    {
        var cluster = await StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IProfileGrain>("p1");
        await grain.SetNameAsync("李娜");
        await grain.SetNameAsync("李娜 (Li Na)");
        var first = await grain.GetInstanceAsync();

        await grain.DeactivateAsync();
        await Probe.WaitAsync("deactivated-p1");
        var snapshot = await grain.GetAsync();

        Assert.NotEqual(first, await grain.GetInstanceAsync());
        Assert.Equal("李娜 (Li Na)", snapshot.Name);
        Assert.Equal(2, snapshot.Writes);
        Assert.True(snapshot.RecordExists);
        Assert.NotNull(snapshot.Etag);
    }

    [Fact]
    public async Task PersistentState_SurvivesSiloRestart()
    {
        var cluster = await StartAsync();
        await cluster.GrainFactory.GetGrain<IProfileGrain>("p2").SetNameAsync("王芳");

        await cluster.RestartAsync();

        var snapshot = await cluster.GrainFactory.GetGrain<IProfileGrain>("p2").GetAsync();
        Assert.Equal("王芳", snapshot.Name);
        Assert.Equal(1, snapshot.Writes);
    }

    [Fact]
    public async Task WriteStateAsync_StaleEtag_ThrowsInconsistentStateException()
    {
        var cluster = await StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IProfileGrain>("contended");
        await grain.SetNameAsync("first");
        var storage = cluster.Services.GetRequiredService<IGrainStorage>();
        var key = new GrainStateKey(typeof(IProfileGrain).FullName!, "contended", "profile");
        var stored = await storage.ReadAsync(key, CancellationToken.None);

        // Another writer (say, a second silo) wins the race.
        await storage.WriteAsync(key, stored!.Payload, stored.Etag, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.SetNameAsync("second"));
    }

    [Fact]
    public async Task WriteStateAsync_TwoSilosOnOneStore_FirstWriterWinsSecondFails()
    {
        var silo1 = await StartAsync();
        var silo2 = await StartAsync();
        var onSilo1 = silo1.GrainFactory.GetGrain<IProfileGrain>("shared");
        var onSilo2 = silo2.GrainFactory.GetGrain<IProfileGrain>("shared");
        Assert.False((await onSilo1.GetAsync()).RecordExists);
        Assert.False((await onSilo2.GetAsync()).RecordExists);

        await onSilo1.SetNameAsync("silo 1");
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => onSilo2.SetNameAsync("silo 2"));

        Assert.Null(error.ExpectedEtag);
        var storage = silo1.Services.GetRequiredService<IGrainStorage>();
        var stored = await storage.ReadAsync(new GrainStateKey(typeof(IProfileGrain).FullName!, "shared", "profile"), CancellationToken.None);
        Assert.Contains("silo 1", System.Text.Encoding.UTF8.GetString(stored!.Payload), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrainTimer_SlowTick_NeverOverlapsItself()
    {
        var cluster = await StartAsync(fakeClock: true);
        var grain = cluster.GrainFactory.GetGrain<ITickerGrain>("t");
        await grain.StartTimerAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        Clock.Advance(TimeSpan.FromSeconds(1));
        await Probe.WaitAsync("timer-tick-1");
        for (var i = 0; i < 5; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(1, Probe.Count("timer-ticks"));
        Probe.Set("timer-gate-1");
        await Probe.WaitAsync("timer-done-1");

        // A call is admitted only after the tick's turn ended, and the turn ends after the timer was re-armed.
        await grain.PingAsync();
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Probe.WaitAsync("timer-tick-2");
        Probe.Set("timer-gate-2");
        await Probe.WaitAsync("timer-done-2");

        Assert.Equal(2, Probe.Count("timer-ticks"));
        Assert.Equal(1, Probe.Count("timer-max-inside"));
    }

    [Fact]
    public async Task GrainTimer_GoneWithActivation()
    {
        var cluster = await StartAsync(fakeClock: true);
        var grain = cluster.GrainFactory.GetGrain<ITickerGrain>("t2");
        await grain.StartTimerAsync(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));

        await grain.DeactivateAsync();
        await Probe.WaitAsync("ticker-deactivated-t2");
        Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, Probe.Count("timer-ticks"));
    }

    [Fact]
    public async Task Reminder_Ticks_AndSurvivesSiloRestart()
    {
        var cluster = await StartAsync(fakeClock: true);
        await cluster.GrainFactory.GetGrain<ITickerGrain>("rem").StartReminderAsync("daily", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        Clock.Advance(TimeSpan.FromMinutes(1));
        await Probe.WaitAsync("reminder-daily-1");

        await cluster.RestartAsync();
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Probe.WaitAsync("reminder-daily-2");

        await cluster.GrainFactory.GetGrain<ITickerGrain>("rem").StopReminderAsync("daily");
        Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(2, Probe.Count("reminder-daily"));
    }

    [Fact]
    public async Task Streams_EventsOnSeveralStreams_DeliveredInOrderExactlyOnceAfterDedupe()
    {
        var cluster = await StartAsync();
        var provider = cluster.StreamProvider;
        var keys = new[] { "village-1", "village-2", "township-9" };
        var publishes = new List<Task>();
        foreach (var key in keys)
        {
            var stream = provider.GetStream<SiteEvent>(SiteFeedGrain.Namespace, key);
            publishes.Add(stream.OnNextBatchAsync(Enumerable.Range(1, 50).Select(i => new SiteEvent(i, FailOnceAfterHandling: i % 10 == 0))));
            publishes.Add(Task.Run(async () =>
            {
                foreach (var i in Enumerable.Range(51, 50))
                {
                    await stream.OnNextAsync(new SiteEvent(i, FailOnceAfterHandling: i == 77));
                }
            }));
        }

        await Task.WhenAll(publishes);
        foreach (var key in keys)
        {
            await Probe.WaitAsync($"feed-{key}-100");
        }

        foreach (var key in keys)
        {
            var values = await cluster.GrainFactory.GetGrain<ISiteFeedGrain>(key).GetValuesAsync();
            Assert.Equal(Enumerable.Range(1, 100), values);
        }

        // Every "lost ack" was re-delivered and dropped by its sequence number.
        Assert.Equal(keys.Length * 6, Probe.Count("duplicates"));
    }

    [Fact]
    public async Task Streams_PoisonEvent_DeadLetteredAfterMaxAttemptsAndLaterEventsDelivered()
    {
        var cluster = await StartAsync(o => o.StreamMaxDeliveryAttempts = 3);
        var stream = cluster.StreamProvider.GetStream<SiteEvent>(SiteFeedGrain.Namespace, "poisoned");

        await stream.OnNextAsync(new SiteEvent(1));
        await Probe.WaitAsync("feed-poisoned-1");
        await stream.OnNextAsync(new SiteEvent(2, Poison: true));
        await stream.OnNextAsync(new SiteEvent(3));
        await Probe.WaitAsync("feed-poisoned-3");

        await Probe.WaitAsync("dead-letter-site-events/poisoned-2");
        var log = cluster.Services.GetRequiredService<IStreamLog>();
        var consumer = typeof(ISiteFeedGrain).FullName!;
        var letters = await log.ReadDeadLettersAsync(SiteFeedGrain.Namespace, 10, CancellationToken.None);

        var letter = Assert.Single(letters);
        Assert.Equal(consumer, letter.Consumer);
        Assert.Equal(3, letter.Attempts);
        Assert.Equal(2, letter.Event.Sequence);
        Assert.Contains("poison 2", letter.Error, StringComparison.Ordinal);
        Assert.Equal(3, Probe.Count("poison-attempts"));
        Assert.Equal([1, 3], await cluster.GrainFactory.GetGrain<ISiteFeedGrain>("poisoned").GetValuesAsync());
    }

    [Fact]
    public async Task Streams_ConsumerRestart_ResumesFromCheckpointWithoutLoss()
    {
        var cluster = await StartAsync();
        var stream = cluster.StreamProvider.GetStream<SiteEvent>(SiteFeedGrain.Namespace, "county-3");
        await stream.OnNextBatchAsync(Enumerable.Range(1, 20).Select(i => new SiteEvent(i)));
        await Probe.WaitAsync("feed-county-3-20");

        await cluster.RestartAsync();
        stream = cluster.StreamProvider.GetStream<SiteEvent>(SiteFeedGrain.Namespace, "county-3");
        await stream.OnNextBatchAsync(Enumerable.Range(21, 20).Select(i => new SiteEvent(i)));
        await Probe.WaitAsync("feed-county-3-40");

        // The new activation only saw what followed its checkpoint (plus possibly a re-delivered tail it dropped).
        var values = await cluster.GrainFactory.GetGrain<ISiteFeedGrain>("county-3").GetValuesAsync();
        Assert.Equal(40, values[^1]);
        Assert.Equal(Enumerable.Range(values[0], values.Count), values);
    }

    private void DecorateStreamLog(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IStreamLog));
        services.Remove(original);
        services.AddSingleton<IStreamLog>(sp => new SignallingStreamLog(
            (IStreamLog)(original.ImplementationInstance
                ?? original.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!)),
            Probe));
    }

    /// <summary>Starts a cluster with the test grains, the probe and the storage under test.</summary>
    protected async Task<TestCluster> StartAsync(Action<Hosting.SiloOptions>? configure = null, bool fakeClock = false)
    {
        var builder = new TestClusterBuilder()
            .AddGrain<ICounterGrain, CounterGrain>()
            .AddGrain<IBarrierGrain, ReentrantBarrierGrain>()
            .AddGrain<IChainGrain, ChainGrain>()
            .AddGrain<IProfileGrain, ProfileGrain>()
            .AddGrain<ITickerGrain, TickerGrain>()
            .AddGrain<ISiteFeedGrain, SiteFeedGrain>()
            .AddGrain<IFragileGrain, FragileGrain>()
            .UseStorage(AddStorage)
            .ConfigureServices(s =>
            {
                s.AddSingleton(Probe);
                DecorateStreamLog(s);
            });
        if (configure is not null)
        {
            builder.ConfigureSilo(configure);
        }

        if (fakeClock)
        {
            builder.UseTimeProvider(Clock);
        }

        var cluster = await builder.BuildAndStartAsync();
        _clusters.Add(cluster);
        return cluster;
    }
}
