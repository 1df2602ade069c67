using System.Globalization;
using JobHome.Storage.Sqlite.Streams;
using JobHome.Storage.Streams;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace JobHome.Storage.Sqlite.State;

/// <summary>
/// Orleans grain storage on the embedded SQLite file. Writes and clears go through the store's group-commit writer; the
/// ETag is the row's version, checked by the statement itself, so a stale writer gets an
/// <see cref="InconsistentStateException"/> and never overwrites a newer state. A write made inside a consumer's
/// <see cref="StreamAcknowledgement"/> scope takes part in it: the scope's last write deletes the delivered queue rows in
/// its own transaction. A write of the grain named by a publisher's <see cref="StreamOutbox"/> scope carries its events:
/// their queue rows are inserted in the write's transaction (when its provider is one of <c>streams</c>, the SQLite stream providers on this store).
/// </summary>
internal sealed class SqliteGrainStorage(
    string name,
    SqliteStore store,
    IGrainStorageSerializer serializer,
    SqliteStreamProviders? streams = null) : IGrainStorage, IGrainStateBatchReader
{
    // First write (no ETag) inserts, or revives a cleared row (tombstone); a live row means someone else wrote first.
    private const string InsertSql = """
        INSERT INTO grain_state (grain_id, state_name, version, payload, modified_at)
        VALUES ($grain, $state, 1, $payload, $now)
        ON CONFLICT (grain_id, state_name) DO UPDATE
            SET version = version + 1, payload = excluded.payload, modified_at = excluded.modified_at
            WHERE grain_state.payload IS NULL
        RETURNING version
        """;

    private const string UpdateSql = """
        UPDATE grain_state SET version = version + 1, payload = $payload, modified_at = $now
        WHERE grain_id = $grain AND state_name = $state AND version = $expected
        RETURNING version
        """;

    private const string CurrentVersionSql = "SELECT version FROM grain_state WHERE grain_id = $grain AND state_name = $state";

    private const string ReadSql = "SELECT version, payload FROM grain_state WHERE grain_id = $grain AND state_name = $state";

    /// <summary>The provider name (for error messages).</summary>
    public string Name => name;

    /// <summary>Creates the storage registered under <paramref name="providerName"/> from the silo's services.</summary>
    /// <remarks>States are written in <see cref="SqliteStateSerializer"/>'s binary format; older JSON rows still read.</remarks>
    public static SqliteGrainStorage Create(IServiceProvider services, string providerName) =>
        new(providerName, services.GetRequiredService<SqliteStore>(), new SqliteStateSerializer(
            new OrleansGrainStorageSerializer(services.GetRequiredService<Orleans.Serialization.Serializer>()),
            services.GetRequiredService<IGrainStorageSerializer>(), services.GetRequiredService<Orleans.Serialization.Serializer>()),
            services.GetService<SqliteStreamProviders>());

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await store.OpenReadAsync().ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = ReadSql;
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        command.Parameters.AddWithValue("$state", stateName);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        if (!await reader.ReadAsync().ConfigureAwait(false))
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.ETag = reader.GetInt64(0).ToString(CultureInfo.InvariantCulture);
        if (reader.IsDBNull(1))
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.RecordExists = false;
            return;
        }

        grainState.State = serializer.Deserialize<T>(new BinaryData((byte[])reader.GetValue(1)));
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public Task<T?[]> ReadStatesAsync<T>(string stateName, IReadOnlyList<GrainId> grainIds, CancellationToken cancellationToken)
        where T : class =>
        SqliteStateBatchReads.ReadAsync<T>(store, serializer, stateName, grainIds, cancellationToken);

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // Before the state is serialized: the publisher marks the events published in the state being written.
        var outbox = SqliteOutboxPart.Take(grainId, streams);
        // The embedded format's serializer makes the stored array directly; any other (tests, JSON) through BinaryData.
        var payload = serializer is SqliteStateSerializer stored
            ? stored.SerializeToArray(grainState.State)
            : serializer.Serialize(grainState.State).ToArray();
        var version = await WriteAsync(stateName, grainId, grainState.ETag, payload, outbox).ConfigureAwait(false);
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // A clear keeps the row with a NULL payload and a new version (see the schema): versions never repeat.
        var version = await WriteAsync(stateName, grainId, grainState.ETag, payload: null, outbox: null).ConfigureAwait(false);
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    private async Task<long> WriteAsync(string stateName, GrainId grainId, string? etag, byte[]? payload, SqliteOutboxPart? outbox)
    {
        long? expected = null;
        if (etag is not null)
        {
            if (!long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                throw new InconsistentStateException(
                    $"ETag '{etag}' of {grainId}/{stateName} was not issued by storage '{name}'.",
                    etag,
                    "unknown");
            }

            expected = parsed;
        }

        var grain = grainId.ToString();
        var label = SqliteWriteLabel.ForState(grainId.Type.ToString() ?? "unknown", stateName);
        var acknowledgement = StreamAcknowledgement.Current is { } ack ? new SqliteAckPart(ack, store) : null;
        var (written, current) = await store.WriteAsync(label, context =>
        {
            var command = context.Command(expected is null ? InsertSql : UpdateSql);
            command.Parameters.AddWithValue("$grain", grain);
            command.Parameters.AddWithValue("$state", stateName);
            command.Parameters.AddWithValue("$payload", (object?)payload ?? DBNull.Value);
            command.Parameters.AddWithValue("$now", context.NowMicroseconds);
            if (expected is not null)
            {
                command.Parameters.AddWithValue("$expected", expected.Value);
            }

            if (command.ExecuteScalar() is long version)
            {
                outbox?.Execute(context);
                acknowledgement?.Execute(context);
                return (Written: (long?)version, Current: (long?)version);
            }

            outbox?.Refused();
            acknowledgement?.Refused();

            var probe = context.Command(CurrentVersionSql);
            probe.Parameters.AddWithValue("$grain", grain);
            probe.Parameters.AddWithValue("$state", stateName);
            return (Written: null, Current: probe.ExecuteScalar() as long?);
        }, outbox is null ? null : outbox.Committed, acknowledgement).ConfigureAwait(false);

        if (written is null)
        {
            var stored = current?.ToString(CultureInfo.InvariantCulture) ?? "none";
            throw new InconsistentStateException(
                $"Stale write of {grainId}/{stateName} to storage '{name}': "
                    + $"expected version {etag ?? "none (first write)"}, stored {stored}.",
                stored,
                etag ?? "none");
        }

        return written.Value;
    }
}
