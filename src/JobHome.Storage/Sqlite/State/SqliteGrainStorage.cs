using System.Collections.Concurrent;
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

    // A write's label per grain type and state name, made once (the type's name and a shard's base name are new strings).
    private static readonly ConcurrentDictionary<(GrainType Type, string State), SqliteWriteLabel> Labels = new();

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
        var session = store.RentRead() ?? await store.OpenReadSessionAsync().ConfigureAwait(false);
        try
        {
            Read(session.Statement(ReadSql), stateName, grainId, grainState);
        }
        catch
        {
            // Whatever went wrong, the session is not reused.
            session.Dispose();
            throw;
        }

        store.ReturnRead(session);
    }

    private void Read<T>(SqlitePreparedStatement read, string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            read.Bind("$grain", grainId.ToString());
            read.Bind("$state", stateName);
            if (!read.Next())
            {
                grainState.State = Activator.CreateInstance<T>();
                grainState.ETag = null;
                grainState.RecordExists = false;
                return;
            }

            grainState.ETag = read.Int64(0).ToString(CultureInfo.InvariantCulture);
            if (read.IsNull(1))
            {
                grainState.State = Activator.CreateInstance<T>();
                grainState.RecordExists = false;
                return;
            }

            // Deserialized straight from SQLite's copy of the row, valid until the reset below.
            grainState.State = serializer is SqliteStateSerializer stored
                ? stored.Deserialize<T>(read.Blob(1))
                : serializer.Deserialize<T>(new BinaryData(read.Blob(1).ToArray()));
            grainState.RecordExists = true;
        }
        finally
        {
            read.Reset();
        }
    }

    /// <inheritdoc />
    public Task<T?[]> ReadStatesAsync<T>(string stateName, IReadOnlyList<GrainId> grainIds, CancellationToken cancellationToken)
        where T : class =>
        SqliteStateBatchReads.ReadAsync<T>(store, serializer, stateName, grainIds, cancellationToken);

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteAsync(stateName, grainId, grainState, clear: false);

    /// <inheritdoc />
    /// <remarks>A clear keeps the row with a NULL payload and a new version (see the schema): versions never repeat.</remarks>
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteAsync(stateName, grainId, grainState, clear: true);

    private async Task WriteAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, bool clear)
    {
        // Before the state is serialized: the publisher marks the events published in the state being written.
        var outbox = clear ? null : SqliteOutboxPart.Take(grainId, streams);
        var payload = clear ? SqliteStatePayload.None : Serialize(grainState.State);
        try
        {
            var etag = grainState.ETag;
            var expected = ExpectedVersion(etag, grainId, stateName);
            var grain = grainId.ToString();
            var label = Labels.GetOrAdd((grainId.Type, stateName),
                static key => SqliteWriteLabel.ForState(key.Type.ToString() ?? "unknown", key.State));
            var acknowledgement = StreamAcknowledgement.Current is { } ack ? new SqliteAckPart(ack, store) : null;
            var (written, current) = await store.WriteAsync(label, context =>
            {
                var statement = context.Statement(expected is null ? InsertSql : UpdateSql);
                statement.Bind("$grain", grain);
                statement.Bind("$state", stateName);
                if (payload.Array is null)
                {
                    statement.BindNull("$payload");
                }
                else
                {
                    statement.BindBlob("$payload", payload.Span);
                }

                statement.Bind("$now", context.NowMicroseconds);
                if (expected is not null)
                {
                    statement.Bind("$expected", expected.Value);
                }

                if (statement.RunScalar() is { } version)
                {
                    outbox?.Execute(context);
                    acknowledgement?.Execute(context);
                    return (Written: (long?)version, Current: (long?)version);
                }

                outbox?.Refused();
                acknowledgement?.Refused();

                var probe = context.Statement(CurrentVersionSql);
                probe.Bind("$grain", grain);
                probe.Bind("$state", stateName);
                return (Written: null, Current: probe.RunScalar());
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

            grainState.ETag = written.Value.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = !clear;
            if (clear)
            {
                grainState.State = Activator.CreateInstance<T>();
            }
        }
        finally
        {
            // The write completed or failed: the writer will not run it again, so nothing reads the bytes any more.
            payload.Return();
        }
    }

    // The embedded format's serializer writes into a rented array; any other (tests, JSON) through BinaryData.
    private SqliteStatePayload Serialize<T>(T state) => serializer is SqliteStateSerializer stored
        ? stored.SerializeRented(state)
        : SqliteStatePayload.Of(serializer.Serialize(state).ToArray());

    private long? ExpectedVersion(string? etag, GrainId grainId, string stateName)
    {
        if (etag is null)
        {
            return null;
        }

        if (!long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            throw new InconsistentStateException(
                $"ETag '{etag}' of {grainId}/{stateName} was not issued by storage '{name}'.",
                etag,
                "unknown");
        }

        return parsed;
    }
}
