using JobHome.Actors.Tests.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace JobHome.Actors.AdoNet.Tests.Storage;

/// <summary>The runtime team's provider contract on SQLite (one fresh file per test).</summary>
public sealed class SqliteStorageContractTests : StorageContractTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jobhome-contract-sqlite-").FullName;

    protected override void AddStorage(IServiceCollection services) =>
        services.AddJobHomeSqliteStorage($"Data Source={Path.Combine(_folder, "contract.db")}");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
