using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace JobHome.Actors.AdoNet.Dialects;

/// <summary>PostgreSQL through one pooled <see cref="NpgsqlDataSource"/>.</summary>
internal sealed class PostgresDialect : AdoNetDialect
{
    // Arbitrary constant naming "JobHome schema migration" for pg_advisory_xact_lock; shared by every starter.
    private const long MigrationLockKey = 0x4A6F62486F6D6501;

    private readonly NpgsqlDataSource _dataSource;

    public PostgresDialect(AdoNetStorageOptions options)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException e)
        {
            // The message of a parse error names the keyword, never the value, so it cannot leak a password.
            throw new AdoNetStorageException($"The PostgreSQL connection string is invalid: {e.Message}", e);
        }

        builder.Timeout = Math.Max(1, (int)Math.Ceiling(options.ConnectTimeout.TotalSeconds));
        builder.CommandTimeout = Math.Max(1, (int)Math.Ceiling(options.CommandTimeout.TotalSeconds));
        if (builder.MaxAutoPrepare == 0)
        {
            // The providers run a small fixed set of statements: let Npgsql prepare them server-side (no re-planning).
            builder.MaxAutoPrepare = 64;
        }

        ConnectTimeout = options.ConnectTimeout;
        Description = $"PostgreSQL at {builder.Host ?? "localhost"}:{builder.Port}, database '{builder.Database ?? builder.Username ?? "(default)"}', user '{builder.Username ?? "(default)"}'";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public override string SystemName => "postgresql";

    public override string ScriptFolder => "Postgres";

    public override string Description { get; }

    public override TimeSpan ConnectTimeout { get; }

    public override string CreateSchemaVersionTableSql => """
        CREATE TABLE IF NOT EXISTS schema_version (
            version    integer     NOT NULL PRIMARY KEY,
            name       text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """;

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override async Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        // Transaction-scoped: released by commit or rollback, even if this process dies mid-migration.
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT pg_advisory_xact_lock(@key)";
        command.AddParameter("@key", MigrationLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void AddTimestamp(DbCommand command, string name, DateTimeOffset value) =>
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>(name, NpgsqlDbType.TimestampTz) { TypedValue = value.ToUniversalTime() });

    public override DateTimeOffset GetTimestamp(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public override async Task<Dictionary<string, long>> ReserveSequencesAsync(
        DbConnection connection,
        DbTransaction transaction,
        string streamNamespace,
        IReadOnlyList<string> keys,
        IReadOnlyList<long> counts,
        CancellationToken cancellationToken)
    {
        // One round trip for all streams of the namespace; rows are locked in key order (no deadlocks).
        await using var command = (NpgsqlCommand)connection.CreateCommand();
        command.Transaction = (NpgsqlTransaction)transaction;
        command.CommandText = """
            INSERT INTO stream_heads (namespace, stream_key, last_sequence)
            SELECT @ns, u.stream_key, u.count FROM unnest(@keys, @counts) AS u(stream_key, count) ORDER BY u.stream_key
            ON CONFLICT (namespace, stream_key) DO UPDATE SET last_sequence = stream_heads.last_sequence + excluded.last_sequence
            RETURNING stream_key, last_sequence
            """;
        command.Parameters.Add(new NpgsqlParameter<string>("@ns", NpgsqlDbType.Text) { TypedValue = streamNamespace });
        command.Parameters.Add(new NpgsqlParameter<string[]>("@keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. keys] });
        command.Parameters.Add(new NpgsqlParameter<long[]>("@counts", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. counts] });
        var last = new Dictionary<string, long>(keys.Count, StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            last[reader.GetString(0)] = reader.GetInt64(1);
        }

        return last;
    }

    public override async Task InsertEventsAsync(
        DbConnection connection,
        DbTransaction transaction,
        string streamNamespace,
        IReadOnlyList<PendingEvent> events,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        // One round trip per namespace of the batch: the rows travel as parallel arrays.
        var positions = new long[events.Count];
        var keys = new string[events.Count];
        var sequences = new long[events.Count];
        var payloads = new byte[events.Count][];
        for (var i = 0; i < events.Count; i++)
        {
            positions[i] = events[i].Position;
            keys[i] = events[i].StreamKey;
            sequences[i] = events[i].Sequence;
            payloads[i] = ToArray(events[i].Payload);
        }

        await using var command = (NpgsqlCommand)connection.CreateCommand();
        command.Transaction = (NpgsqlTransaction)transaction;
        command.CommandText = """
            INSERT INTO stream_events (namespace, position, stream_key, sequence, payload, enqueued_at)
            SELECT @ns, u.position, u.stream_key, u.sequence, u.payload, @now
            FROM unnest(@positions, @keys, @sequences, @payloads) AS u(position, stream_key, sequence, payload)
            """;
        command.Parameters.Add(new NpgsqlParameter<string>("@ns", NpgsqlDbType.Text) { TypedValue = streamNamespace });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("@now", NpgsqlDbType.TimestampTz) { TypedValue = now.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<long[]>("@positions", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = positions });
        command.Parameters.Add(new NpgsqlParameter<string[]>("@keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = keys });
        command.Parameters.Add(new NpgsqlParameter<long[]>("@sequences", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = sequences });
        command.Parameters.Add(new NpgsqlParameter<byte[][]>("@payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { TypedValue = payloads });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
