using JobHome.Storage;

namespace JobHome.Grains.Tests.Fixtures;

/// <summary>The cluster on Orleans' in-memory storage, reminders and streams (the client can publish too).</summary>
public sealed class MemoryClusterFixture : ClusterFixture
{
    /// <inheritdoc />
    protected override void ConfigureStores(ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorage(StorageNames.Default);
        silo.AddMemoryGrainStorage(StorageNames.PubSub);
        silo.UseInMemoryReminderService();
        silo.AddMemoryStreams(StorageNames.Streams);
    }

    /// <inheritdoc />
    protected override void ConfigureClient(IClientBuilder client) => client.AddMemoryStreams(StorageNames.Streams);
}
