using JobHome.Storage;
using JobHome.Storage.Sqlite;
using JobHome.Storage.Sqlite.Streams;

namespace JobHome.Grains.Tests.Fixtures;

/// <summary>The cluster on the embedded SQLite store (grain storage, reminders, durable streams) in a fresh folder.</summary>
public sealed class SqliteClusterFixture : ClusterFixture
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "jobhome-grains-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>The database file the silo uses (tests may open their own connection to it, as an operator would).</summary>
    public string DatabasePath => Path.Combine(_directory, "jobhome.db");

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <inheritdoc />
    protected override void ConfigureStores(ISiloBuilder silo) =>
        // Stream deliveries batched as the silo's hosting does (JobHomeStorageOptions.StreamDeliveryBatchSize).
        silo.AddJobHomeSqlite(new SqliteStoreOptions { Path = DatabasePath },
            new SqliteStreamOptions { DeliveryBatchSize = new JobHomeStorageOptions().StreamDeliveryBatchSize });
}
