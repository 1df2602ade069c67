using Microsoft.Data.Sqlite;
using Npgsql;

namespace JobHome.Storage.Startup;

/// <summary>
/// Runs before the silo starts: checks the store is reachable and its schema is current, failing fast with a
/// <see cref="StorageStartupException"/> whose message an operator can act on.
/// </summary>
public static class StorageStartup
{
    /// <summary>Checks the store named by <paramref name="options"/> and applies the schema; throws on failure.</summary>
    public static async Task PrepareAsync(JobHomeStorageOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        // FIRST CUT: connection checks only; schema migration arrives with the PostgreSQL and SQLite providers.
        if (options.Kind == StorageKind.Embedded)
        {
            var path = options.EmbeddedPath;
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path }.ConnectionString);
                await connection.OpenAsync(cancellationToken);
            }
            catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
            {
                throw new StorageStartupException(
                    $"Cannot open the embedded database file '{path}': {e.Message}. Check that the folder is writable "
                    + "and the file is a SQLite database (choose another folder with --data DIR).", e);
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new StorageStartupException(
                "JobHome:Storage is 'postgres' but ConnectionStrings:JobHome is not set. Set it in appsettings.json, "
                + "the environment (ConnectionStrings__JobHome) or the command line (--ConnectionStrings:JobHome \"Host=…\").");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException e)
        {
            throw new StorageStartupException($"ConnectionStrings:JobHome is not a valid PostgreSQL connection string: {e.Message}", e);
        }

        var where = $"PostgreSQL at {builder.Host}:{builder.Port}, database '{builder.Database}', user '{builder.Username}'";
        try
        {
            await using var connection = new NpgsqlConnection(options.ConnectionString);
            await connection.OpenAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidPassword)
        {
            throw new StorageStartupException($"Cannot sign in to {where}: the password was refused. Check ConnectionStrings:JobHome.", e);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            throw new StorageStartupException($"Cannot use {where}: the database does not exist. Create it (createdb) or fix the name.", e);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new StorageStartupException(
                $"Cannot connect to {where}: {e.Message}. Check that the server runs, the host and port are right and a "
                + "firewall lets the silo through.", e);
        }
    }
}
