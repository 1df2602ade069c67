using Npgsql;

namespace JobHome.Tests.Shared;

/// <summary>
/// The PostgreSQL server named by <c>JOBHOME_TEST_PG</c>; fresh databases on it, dropped by the caller. Linked into every
/// test project that needs PostgreSQL.
/// </summary>
internal static class TestPostgres
{
    /// <summary>The server's admin connection string; tests fail (never skip) when it is missing.</summary>
    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("JOBHOME_TEST_PG") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "JOBHOME_TEST_PG is not set. These tests need PostgreSQL: run ./test.sh (starts a throwaway server), or start one and "
                + "export JOBHOME_TEST_PG=\"Host=127.0.0.1;Port=5432;Username=postgres;Password=…;Database=postgres\".");

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "jobhome_test")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops the database of <paramref name="connectionString"/>, closing its connections.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a scalar query.</summary>
    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
