using JobHome.Storage;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace JobHome.Tests.Shared;

/// <summary>
/// The one configuration of an in-process test silo: Orleans' in-memory providers under the names the grains use (grain
/// state, pub-sub, reminders, streams), then the caller's own services (the grains with its clock, options ...). Linked
/// into the silo tests (<c>InMemorySilo</c>) and the benchmarks (<c>PostListCluster</c>), so both run the same silo.
/// </summary>
internal static class InMemoryTestSilo
{
    /// <summary>Adds grain storage, pub-sub storage, reminders and streams of <see cref="StorageNames"/>, all in memory.</summary>
    public static ISiloBuilder AddInMemoryStores(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.AddMemoryGrainStorage(StorageNames.Default);
        silo.AddMemoryGrainStorage(StorageNames.PubSub);
        silo.UseInMemoryReminderService();
        silo.AddMemoryStreams(StorageNames.Streams);
        return silo;
    }

    /// <summary>
    /// Starts one silo with <see cref="AddInMemoryStores"/> and <paramref name="services"/> on its services; the cluster is
    /// disposed again when it fails to start.
    /// </summary>
    public static async Task<InProcessTestCluster> StartAsync(Action<Microsoft.Extensions.DependencyInjection.IServiceCollection> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddInMemoryStores();
            services(silo.Services);
        });
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }
}
