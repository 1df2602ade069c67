using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace JobHome.Actors.AdoNet.Tests.Fixtures;

/// <summary>Fresh PostgreSQL databases on the server named by <c>JOBHOME_TEST_PG</c>, dropped at the end.</summary>
public sealed class PostgresStorageFixture : StorageFixture
{
    private readonly List<string> _databases = [];

    /// <summary>The server's admin connection string; the tests fail (never skip) when it is missing.</summary>
    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("JOBHOME_TEST_PG") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "JOBHOME_TEST_PG is not set. These tests need PostgreSQL: run ./test.sh (starts a throwaway server), or start one and "
                + "export JOBHOME_TEST_PG=\"Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres\".");

    public override async Task<string> CreateDatabaseAsync()
    {
        var name = $"jobhome_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            await command.ExecuteNonQueryAsync();
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    public override void AddStorage(IServiceCollection services, string connectionString, Action<AdoNetStorageOptions>? configure = null) =>
        services.AddJobHomePostgresStorage(connectionString, configure);

    public override async Task<long> QueryScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        foreach (var name in _databases)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
            await command.ExecuteNonQueryAsync();
        }
    }
}
