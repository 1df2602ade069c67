using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace JobHome.Actors.AdoNet.Tests.Fixtures;

/// <summary>SQLite files in a temporary folder removed at the end.</summary>
public sealed class SqliteStorageFixture : StorageFixture
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jobhome-sqlite-").FullName;

    public override Task<string> CreateDatabaseAsync() =>
        Task.FromResult($"Data Source={Path.Combine(_folder, $"{Guid.NewGuid():N}.db")}");

    public override void AddStorage(IServiceCollection services, string connectionString, Action<AdoNetStorageOptions>? configure = null) =>
        services.AddJobHomeSqliteStorage(connectionString, configure);

    public override async Task<long> QueryScalarAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
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
