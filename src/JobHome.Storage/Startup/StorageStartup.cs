using JobHome.Storage.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace JobHome.Storage.Startup;

/// <summary>
/// Runs before the silo starts: checks the store is reachable and its schema is current, failing fast with a
/// <see cref="StorageStartupException"/> whose message an operator can act on.
/// </summary>
public static class StorageStartup
{
    /// <summary>Checks the store named by <paramref name="options"/> and applies the schema; throws on failure.</summary>
    public static Task PrepareAsync(JobHomeStorageOptions options, CancellationToken cancellationToken) =>
        PrepareAsync(options, null, cancellationToken);

    /// <summary>
    /// Checks the store named by <paramref name="options"/> and applies the schema, logging to
    /// <paramref name="logger"/>; throws on failure.
    /// </summary>
    public static async Task PrepareAsync(JobHomeStorageOptions options, ILogger? logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Kind == StorageKind.Embedded)
        {
            var path = options.EmbeddedPath;
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path }.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                await SchemaMigrator.ForEmbeddedScripts(SchemaDialect.Sqlite, logger).MigrateAsync(connection, cancellationToken);
            }
            catch (SchemaVersionException e)
            {
                throw new StorageStartupException($"Cannot use the embedded database file '{path}': {e.Message}", e);
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

        var migrator = SchemaMigrator.ForEmbeddedScripts(SchemaDialect.Postgres, logger);
        var runtime = PostgresTarget.Parse(options.ConnectionString, "ConnectionStrings:JobHome");
        await using (var connection = await runtime.OpenAsync(cancellationToken))
        {
            if (!options.ApplySchemaOnStart)
            {
                SchemaStatus status;
                try
                {
                    status = await migrator.GetStatusAsync(connection, cancellationToken);
                }
                catch (NpgsqlException e)
                {
                    throw new StorageStartupException($"Cannot read the schema version of {runtime.Where}: {e.Message}", e);
                }

                if (status.IsNewer)
                {
                    throw new StorageStartupException(
                        $"Cannot use {runtime.Where}: {new SchemaVersionException(status.CurrentVersion, status.LatestVersion).Message}");
                }

                if (!status.IsCurrent)
                {
                    var found = status.CurrentVersion == 0 ? "has no JobHome schema" : $"has schema version {status.CurrentVersion}";
                    throw new StorageStartupException(
                        $"Cannot use {runtime.Where}: the database {found} and this build needs version {status.LatestVersion}. "
                        + "Apply it with `jobhome db migrate --connection \"Host=…;Database=…;Username=<migration role>\"` "
                        + "(or set ApplySchemaOnStart to let the silo apply it), then start again.");
                }

                return;
            }
        }

        var target = string.IsNullOrWhiteSpace(options.MigrationConnectionString)
            ? runtime
            : PostgresTarget.Parse(options.MigrationConnectionString, "MigrationConnectionString");
        await MigratePostgresAsync(target, migrator, cancellationToken);
    }

    /// <summary>
    /// Applies this build's PostgreSQL schema to <paramref name="connectionString"/>; throws
    /// <see cref="StorageStartupException"/> on failure.
    /// </summary>
    public static async Task<SchemaMigrationResult> MigratePostgresAsync(
        string connectionString, ILogger? logger, CancellationToken cancellationToken)
    {
        var target = PostgresTarget.Parse(connectionString, "--connection");
        return await MigratePostgresAsync(target, SchemaMigrator.ForEmbeddedScripts(SchemaDialect.Postgres, logger), cancellationToken);
    }

    private static async Task<SchemaMigrationResult> MigratePostgresAsync(
        PostgresTarget target, SchemaMigrator migrator, CancellationToken cancellationToken)
    {
        await using var connection = await target.OpenAsync(cancellationToken);
        try
        {
            return await migrator.MigrateAsync(connection, cancellationToken);
        }
        catch (SchemaVersionException e)
        {
            throw new StorageStartupException($"Cannot use {target.Where}: {e.Message}", e);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new StorageStartupException(
                $"Cannot apply the schema to {target.Where}: {e.MessageText}. Use a role allowed to create tables and functions "
                + "(MigrationConnectionString, or `jobhome db migrate --connection …`).", e);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new StorageStartupException($"Cannot apply the schema to {target.Where}: {e.Message}", e);
        }
    }
}
