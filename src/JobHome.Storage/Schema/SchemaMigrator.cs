using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace JobHome.Storage.Schema;

/// <summary>
/// Brings a database's schema up to the scripts it was given: applies the missing ones in version order, in one
/// transaction, and records each in <c>schema_version</c>. Concurrent migrators apply each script once — PostgreSQL
/// serialises them with <c>pg_advisory_xact_lock</c> (released by commit, rollback or a dead connection), SQLite with
/// <c>BEGIN IMMEDIATE</c> — and a second run is a no-op. A database newer than the scripts fails with
/// <see cref="SchemaVersionException"/> and is left untouched.
/// </summary>
public sealed partial class SchemaMigrator
{
    /// <summary>The advisory lock every JobHome migrator takes on PostgreSQL ("JOBHOME" in ASCII).</summary>
    public const long PostgresLockKey = 0x4A4F42484F4D45;

    private readonly ILogger _logger;

    /// <summary>Creates a migrator for <paramref name="scripts"/> (numbered 1, 2, 3 … without gaps).</summary>
    public SchemaMigrator(SchemaDialect dialect, IEnumerable<SchemaScript> scripts, ILogger? logger = null)
    {
        Dialect = dialect;
        Scripts = SchemaScripts.Validate(scripts);
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The dialect the scripts are written in.</summary>
    public SchemaDialect Dialect { get; }

    /// <summary>The scripts in version order.</summary>
    public IReadOnlyList<SchemaScript> Scripts { get; }

    /// <summary>The highest version the scripts reach; 0 when there are none.</summary>
    public int LatestVersion => Scripts.Count == 0 ? 0 : Scripts[^1].Version;

    /// <summary>A migrator with this build's embedded scripts for <paramref name="dialect"/>.</summary>
    public static SchemaMigrator ForEmbeddedScripts(SchemaDialect dialect, ILogger? logger = null) =>
        new(dialect, SchemaScripts.Load(dialect), logger);

    /// <summary>Applies the missing scripts on the open <paramref name="connection"/>.</summary>
    public async Task<SchemaMigrationResult> MigrateAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var transaction = await BeginExclusiveAsync(connection, cancellationToken);
        await ExecuteAsync(connection, transaction, CreateVersionTableSql, cancellationToken);
        var current = await ReadVersionAsync(connection, transaction, cancellationToken);
        if (current > LatestVersion)
        {
            throw new SchemaVersionException(current, LatestVersion);
        }

        var applied = new List<SchemaScript>();
        foreach (var script in Scripts.Where(s => s.Version > current))
        {
            LogApplying(_logger, Dialect, script.Version, script.Name);
            await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
            await RecordAsync(connection, transaction, script, cancellationToken);
            applied.Add(script);
        }

        await transaction.CommitAsync(cancellationToken);
        if (applied.Count == 0)
        {
            LogCurrent(_logger, Dialect, current);
        }
        else
        {
            LogMigrated(_logger, Dialect, current, LatestVersion, applied.Count);
        }

        return new SchemaMigrationResult(current, Math.Max(current, LatestVersion), applied);
    }

    /// <summary>Reads the schema version of the open <paramref name="connection"/> without changing anything.</summary>
    public async Task<SchemaStatus> GetStatusAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = VersionTableExistsSql;
            var exists = Convert.ToInt64(
                await command.ExecuteScalarAsync(cancellationToken),
                System.Globalization.CultureInfo.InvariantCulture);
            if (exists == 0)
            {
                return new SchemaStatus(0, LatestVersion);
            }
        }

        return new SchemaStatus(await ReadVersionAsync(connection, null, cancellationToken), LatestVersion);
    }

    private string CreateVersionTableSql => Dialect switch
    {
        SchemaDialect.Postgres =>
            "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, name text NOT NULL, "
            + "applied_at timestamptz NOT NULL DEFAULT now())",
        _ =>
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
            + "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))",
    };

    private string VersionTableExistsSql => Dialect switch
    {
        SchemaDialect.Postgres => "SELECT count(*) FROM pg_catalog.pg_tables WHERE tablename = 'schema_version' "
            + "AND schemaname = ANY (current_schemas(false))",
        _ => "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
    };

    private async Task<DbTransaction> BeginExclusiveAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (Dialect == SchemaDialect.Sqlite)
        {
            // BEGIN IMMEDIATE takes the write lock up front; a second migrator waits (busy timeout) instead of both
            // reading version N and then one failing to upgrade its read lock.
            var sqlite = connection as SqliteConnection
                ?? throw new ArgumentException("The SQLite migrator needs a SqliteConnection.", nameof(connection));
            return sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: false);
        }

        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT pg_advisory_xact_lock(@key)";
            var key = command.CreateParameter();
            key.ParameterName = "key";
            key.Value = PostgresLockKey;
            command.Parameters.Add(key);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    private static async Task<int> ReadVersionAsync(
        DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT coalesce(max(version), 0) FROM schema_version";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task RecordAsync(
        DbConnection connection, DbTransaction transaction, SchemaScript script, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO schema_version (version, name) VALUES (@version, @name)";
        var version = command.CreateParameter();
        version.ParameterName = "version";
        version.Value = script.Version;
        command.Parameters.Add(version);
        var name = command.CreateParameter();
        name.ParameterName = "name";
        name.Value = script.Name;
        command.Parameters.Add(name);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(
        DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
