using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace JobHome.Storage.Tests.Sqlite;

/// <summary>Orleans' own grain-state serializer, built outside a silo for storage-level tests.</summary>
internal static class TestStorageSerializer
{
    private static readonly Lazy<IGrainStorageSerializer> Instance = new(() =>
    {
        var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        return new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>());
    });

    public static IGrainStorageSerializer Value => Instance.Value;
}
