using JobHome.Storage;

namespace JobHome.Grains.Tests.Fixtures;

/// <summary>The in-memory cluster with a <see cref="CallGate"/> on every grain call, for tests of calls that overlap.</summary>
public sealed class GatedClusterFixture : ClusterFixture
{
    /// <summary>The gate the silo's grain calls pass.</summary>
    public CallGate Gate { get; } = new();

    /// <inheritdoc />
    protected override void ConfigureStores(ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorage(StorageNames.Default);
        silo.AddMemoryGrainStorage(StorageNames.PubSub);
        silo.UseInMemoryReminderService();
        silo.AddMemoryStreams(StorageNames.Streams);
        silo.AddIncomingGrainCallFilter(Gate);
    }

    /// <inheritdoc />
    protected override void ConfigureClient(IClientBuilder client) => client.AddMemoryStreams(StorageNames.Streams);
}
