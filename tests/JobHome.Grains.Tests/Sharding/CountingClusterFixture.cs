using JobHome.Grains.Tests.Fixtures;
using JobHome.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace JobHome.Grains.Tests.Sharding;

/// <summary>The in-memory cluster with its grain storage behind a <see cref="CountingGrainStorage"/>.</summary>
public sealed class CountingClusterFixture : ClusterFixture
{
    private const string Inner = "counted";

    /// <summary>The silo's grain storage (the one silo of the cluster).</summary>
    public CountingGrainStorage Storage =>
        (CountingGrainStorage)Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);

    /// <inheritdoc />
    protected override void ConfigureStores(ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorage(Inner);
        silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default,
            (services, _) => new CountingGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(Inner)));
        silo.AddMemoryGrainStorage(StorageNames.PubSub);
        silo.UseInMemoryReminderService();
        silo.AddMemoryStreams(StorageNames.Streams);
    }

    /// <inheritdoc />
    protected override void ConfigureClient(IClientBuilder client) => client.AddMemoryStreams(StorageNames.Streams);
}
