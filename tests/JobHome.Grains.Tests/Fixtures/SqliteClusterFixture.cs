using JobHome.Storage.Sqlite;

namespace JobHome.Grains.Tests.Fixtures;

/// <summary>The cluster on the embedded SQLite store (grain storage, reminders, durable streams) in a fresh folder.</summary>
public sealed class SqliteClusterFixture : ClusterFixture
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "jobhome-grains-tests-" + Guid.NewGuid().ToString("N"));

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <inheritdoc />
    protected override void ConfigureStores(ISiloBuilder silo) =>
        silo.AddJobHomeSqlite(new SqliteStoreOptions { Path = Path.Combine(_directory, "jobhome.db") });
}
