using System.Data.Common;
using System.Globalization;
using JobHome.Actors.AdoNet.Diagnostics;
using JobHome.Actors.AdoNet.Dialects;
using JobHome.Actors.Storage;
using Microsoft.Extensions.Logging;

namespace JobHome.Actors.AdoNet.Schema;

/// <summary>
/// Checks at start that the database is reachable within the connect timeout, then creates or migrates the schema
/// from the embedded scripts. All scripts missing from <c>schema_version</c> run in one transaction under a lock
/// (PostgreSQL: a transaction-scoped advisory lock; SQLite: BEGIN IMMEDIATE), so concurrent starters apply each
/// script once and a failed start leaves the schema as it was.
/// </summary>
internal sealed class AdoNetStorageInitializer(AdoNetStore store, ILogger<AdoNetStorageInitializer> logger) : IStorageInitializer
{
    private readonly SemaphoreSlim _once = new(1, 1);
    private bool _initialized;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _once.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            var dialect = store.Dialect;
            var scripts = SchemaScripts.Load(dialect.ScriptFolder);
            try
            {
                await MigrateAsync(dialect, scripts, cancellationToken).ConfigureAwait(false);
            }
            catch (DbException e)
            {
                Log.StorageUnavailable(logger, e, dialect.Description);
                throw new AdoNetStorageException($"Cannot prepare the schema of {dialect.Description}: {e.Message}", e);
            }

            Log.StorageReady(logger, dialect.Description, scripts.Count);
            _initialized = true;
        }
        finally
        {
            _once.Release();
        }
    }

    private async Task MigrateAsync(AdoNetDialect dialect, IReadOnlyList<SchemaScript> scripts, CancellationToken cancellationToken)
    {
        dialect.PrepareLocation();
        await using (var connection = await OpenFirstAsync(dialect, cancellationToken).ConfigureAwait(false))
        {
            await dialect.PrepareDatabaseAsync(connection, cancellationToken).ConfigureAwait(false);
        }

        await using var scope = await store.OpenWriteAsync(transaction: true, cancellationToken).ConfigureAwait(false);
        await dialect.LockForMigrationAsync(scope.Connection, scope.Transaction!, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(scope, dialect.CreateSchemaVersionTableSql, cancellationToken).ConfigureAwait(false);
        var applied = await ReadAppliedAsync(scope, cancellationToken).ConfigureAwait(false);
        var newest = applied.Count == 0 ? 0 : applied.Max();
        if (newest > scripts.Count)
        {
            throw new AdoNetStorageException(
                $"{dialect.Description} has schema version {newest}, newer than this build knows ({scripts.Count}); upgrade the application.");
        }

        foreach (var script in scripts.Where(s => !applied.Contains(s.Version)))
        {
            await ExecuteAsync(scope, script.Sql, cancellationToken).ConfigureAwait(false);
            await using var record = scope.CreateCommand("INSERT INTO schema_version (version, name) VALUES (@version, @name)");
            record.AddParameter("@version", script.Version);
            record.AddParameter("@name", script.Name);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            Log.ScriptApplied(logger, script.Version, script.Name, dialect.Description);
        }

        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The first open, bounded by the connect timeout and translated into a message naming the database.</summary>
    private async Task<DbConnection> OpenFirstAsync(AdoNetDialect dialect, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(dialect.ConnectTimeout + TimeSpan.FromSeconds(1));
        try
        {
            return await dialect.OpenAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is DbException or TimeoutException or OperationCanceledException or System.Net.Sockets.SocketException or IOException or InvalidOperationException)
        {
            Log.StorageUnavailable(logger, e, dialect.Description);
            var why = e is OperationCanceledException
                ? string.Create(CultureInfo.InvariantCulture, $"no answer within {dialect.ConnectTimeout.TotalSeconds:0.#} s")
                : e.Message;
            throw new AdoNetStorageException($"Cannot connect to {dialect.Description}: {why}", e);
        }
    }

    private static async Task ExecuteAsync(WriteScope scope, string sql, CancellationToken cancellationToken)
    {
        await using var command = scope.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<HashSet<int>> ReadAppliedAsync(WriteScope scope, CancellationToken cancellationToken)
    {
        var versions = new HashSet<int>();
        await using var command = scope.CreateCommand("SELECT version FROM schema_version");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
        }

        return versions;
    }
}
