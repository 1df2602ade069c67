using JobHome.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Storage;

namespace JobHome.Benchmarks.Orleans;

/// <summary>A temporary embedded database and Orleans' serializer for the storage benchmarks.</summary>
internal sealed class BenchmarkFile : IAsyncDisposable
{
    private static readonly Lazy<IServiceProvider> Services = new(() => new ServiceCollection().AddSerializer().BuildServiceProvider());

    public BenchmarkFile(SqliteSynchronous synchronous)
    {
        Directory = Path.Combine(Path.GetTempPath(), "jobhome-bench", Guid.NewGuid().ToString("N"));
        Store = new SqliteStore(
            new SqliteStoreOptions { Path = Path.Combine(Directory, "bench.db"), Synchronous = synchronous },
            TimeProvider.System,
            NullLogger<SqliteStore>.Instance);
    }

    public string Directory { get; }

    public SqliteStore Store { get; }

    public static IGrainStorageSerializer StateSerializer { get; } =
        new OrleansGrainStorageSerializer(Services.Value.GetRequiredService<Serializer>());

    public static Serializer<T> SerializerFor<T>() => Services.Value.GetRequiredService<Serializer<T>>();

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
