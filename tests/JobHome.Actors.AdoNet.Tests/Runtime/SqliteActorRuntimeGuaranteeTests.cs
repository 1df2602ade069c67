using JobHome.Actors.Tests.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace JobHome.Actors.AdoNet.Tests.Runtime;

/// <summary>The runtime's guarantees on SQLite: one fresh database file per test, reached again by every restart.</summary>
public sealed class SqliteActorRuntimeGuaranteeTests : ActorRuntimeGuaranteeTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jobhome-runtime-sqlite-").FullName;

    protected override void AddStorage(IServiceCollection services) =>
        services.AddJobHomeSqliteStorage($"Data Source={Path.Combine(_folder, "silo.db")}");

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
