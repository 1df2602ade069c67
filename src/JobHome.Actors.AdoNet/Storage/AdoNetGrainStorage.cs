using System.Diagnostics;
using System.Globalization;
using JobHome.Actors.AdoNet.Diagnostics;
using JobHome.Actors.AdoNet.Dialects;
using JobHome.Actors.Storage;
using Microsoft.Extensions.Logging;

namespace JobHome.Actors.AdoNet.Storage;

/// <summary>
/// Grain state in table <c>grain_state</c>. The ETag is the row's version number. Every write is a single conditional
/// statement, so the database, not this process, decides which of two racing writers wins.
/// </summary>
internal sealed class AdoNetGrainStorage(AdoNetStore store, ILogger<AdoNetGrainStorage> logger) : IGrainStorage
{
    // Insert, or revive a cleared row (payload NULL). A live row makes the WHERE false and nothing is returned. On
    // PostgreSQL the second of two concurrent inserts waits on the unique index, then sees the winner's live row.
    private const string InsertSql = """
        INSERT INTO grain_state (grain_type, grain_id, state_name, version, payload, modified_at)
        VALUES (@type, @id, @name, 1, @payload, @now)
        ON CONFLICT (grain_type, grain_id, state_name) DO UPDATE
            SET version = grain_state.version + 1, payload = excluded.payload, modified_at = excluded.modified_at
            WHERE grain_state.payload IS NULL
        RETURNING version
        """;

    private const string UpdateSql = """
        UPDATE grain_state SET version = version + 1, payload = @payload, modified_at = @now
        WHERE grain_type = @type AND grain_id = @id AND state_name = @name AND version = @version AND payload IS NOT NULL
        RETURNING version
        """;

    // Clearing keeps a tombstone whose version still grows, so an ETag from before the clear never matches again.
    private const string ClearSql = """
        UPDATE grain_state SET version = version + 1, payload = NULL, modified_at = @now
        WHERE grain_type = @type AND grain_id = @id AND state_name = @name AND version = @version AND payload IS NOT NULL
        """;

    private const string ReadSql = """
        SELECT payload, version FROM grain_state
        WHERE grain_type = @type AND grain_id = @id AND state_name = @name
        """;

    public async Task<GrainStateRecord?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            var (payload, version) = await ReadRowAsync(key, cancellationToken).ConfigureAwait(false);
            return payload is null ? null : new GrainStateRecord(payload, FormatEtag(version));
        }
        finally
        {
            store.Record("state.read", start);
        }
    }

    public async Task<string> WriteAsync(GrainStateKey key, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            long? expectedVersion = expectedEtag is null ? null : ParseEtag(key, expectedEtag);
            long? newVersion;
            await using (var scope = await store.OpenWriteAsync(transaction: false, cancellationToken).ConfigureAwait(false))
            {
                await using var command = scope.CreateCommand(expectedVersion is null ? InsertSql : UpdateSql);
                AddKey(command, key);
                command.AddParameter("@payload", AdoNetDialect.ToArray(payload));
                store.Dialect.AddTimestamp(command, "@now", store.Clock.GetUtcNow());
                if (expectedVersion is { } v)
                {
                    command.AddParameter("@version", v);
                }

                var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                newVersion = result is null or DBNull ? null : Convert.ToInt64(result, CultureInfo.InvariantCulture);
            }

            if (newVersion is null)
            {
                throw await ConflictAsync(key, expectedEtag, "write", cancellationToken).ConfigureAwait(false);
            }

            return FormatEtag(newVersion.Value);
        }
        finally
        {
            store.Record("state.write", start);
        }
    }

    public async Task ClearAsync(GrainStateKey key, string? expectedEtag, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            if (expectedEtag is null)
            {
                // Nothing to clear is fine; a live row means the caller's view is stale.
                var (payload, _) = await ReadRowAsync(key, cancellationToken).ConfigureAwait(false);
                if (payload is not null)
                {
                    throw await ConflictAsync(key, expectedEtag, "clear", cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            var expectedVersion = ParseEtag(key, expectedEtag);
            int affected;
            await using (var scope = await store.OpenWriteAsync(transaction: false, cancellationToken).ConfigureAwait(false))
            {
                await using var command = scope.CreateCommand(ClearSql);
                AddKey(command, key);
                command.AddParameter("@version", expectedVersion);
                store.Dialect.AddTimestamp(command, "@now", store.Clock.GetUtcNow());
                affected = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (affected != 1)
            {
                throw await ConflictAsync(key, expectedEtag, "clear", cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            store.Record("state.clear", start);
        }
    }

    private async Task<(byte[]? Payload, long Version)> ReadRowAsync(GrainStateKey key, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = ReadSql;
        AddKey(command, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return (null, 0);
        }

        var payload = await reader.IsDBNullAsync(0, cancellationToken).ConfigureAwait(false) ? null : reader.GetFieldValue<byte[]>(0);
        return (payload, reader.GetInt64(1));
    }

    private async Task<InconsistentStateException> ConflictAsync(GrainStateKey key, string? expectedEtag, string operation, CancellationToken cancellationToken)
    {
        // Read after the fact for the message only; the decision was the conditional statement's.
        var (payload, version) = await ReadRowAsync(key, cancellationToken).ConfigureAwait(false);
        var stored = payload is null ? null : FormatEtag(version);
        Log.WriteConflict(logger, key.GrainType, key.GrainId, key.StateName, expectedEtag);
        return new InconsistentStateException(
            $"State {operation} of {key.GrainType}/{key.GrainId}/{key.StateName} expected ETag '{expectedEtag ?? "(none)"}' but storage holds '{stored ?? "(none)"}'.",
            stored,
            expectedEtag);
    }

    private static void AddKey(System.Data.Common.DbCommand command, GrainStateKey key)
    {
        command.AddParameter("@type", key.GrainType);
        command.AddParameter("@id", key.GrainId);
        command.AddParameter("@name", key.StateName);
    }

    private static string FormatEtag(long version) => version.ToString(CultureInfo.InvariantCulture);

    private static long ParseEtag(GrainStateKey key, string etag) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InconsistentStateException($"ETag '{etag}' of {key.GrainType}/{key.GrainId}/{key.StateName} is not one this storage issued.", null, etag);
}
