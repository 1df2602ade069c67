using JobHome.Grains.Hosting;
using JobHome.Grains.Placements;
using JobHome.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace JobHome.Grains.Tests.Fixtures;

/// <summary>
/// One in-process silo with a fake server clock and a switchable placement hook; the subclasses choose the stores
/// (in-memory, or the embedded SQLite file the silo host uses).
/// </summary>
public abstract class ClusterFixture : IAsyncLifetime
{
    /// <summary>10:00 in Shanghai on 2026-03-10.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 2, 0, 0, TimeSpan.Zero);

    /// <summary>The server clock's time source; only moves forward.</summary>
    public FakeTimeProvider Time { get; } = new(Start);

    /// <summary>The placement step hook the silo uses.</summary>
    public FailingPlacementHook Hook { get; } = new();

    /// <summary>The cluster.</summary>
    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>A client of the cluster.</summary>
    public IClusterClient Client => Cluster.Client;

    /// <summary>Today in Shanghai by the fake clock.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var time = Time;
        var hook = Hook;
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            ConfigureStores(silo);
            silo.Services.AddSingleton<IPlacementStepHook>(hook);
            // The server clock is the fake one, and with it the stale notices' windows: tests advance it instead of waiting.
            silo.Services.AddJobHomeGrains(time: time);
        });
        builder.ConfigureClient(ConfigureClient);
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>Adds grain storage, pub/sub storage, reminders and the stream provider of <see cref="StorageNames"/>.</summary>
    protected abstract void ConfigureStores(ISiloBuilder silo);

    /// <summary>Adds what the client needs (nothing by default).</summary>
    protected virtual void ConfigureClient(IClientBuilder client)
    {
    }
}
