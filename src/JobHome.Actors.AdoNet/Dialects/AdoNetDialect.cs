using System.Data.Common;
using System.Runtime.InteropServices;

namespace JobHome.Actors.AdoNet.Dialects;

/// <summary>
/// What differs between the databases: opening connections, write serialisation, locks for migrations, timestamps and
/// bulk inserts. Everything else (the SQL of state, reminders and streams) is shared; both databases speak
/// <c>INSERT … ON CONFLICT … DO UPDATE … RETURNING</c>.
/// </summary>
internal abstract class AdoNetDialect : IAsyncDisposable
{
    /// <summary>Value of the <c>db.system</c> metric tag.</summary>
    public abstract string SystemName { get; }

    /// <summary>Folder of the versioned scripts under <c>Sql/</c>.</summary>
    public abstract string ScriptFolder { get; }

    /// <summary>Where the database is, for messages: host, port, database, user; never the password.</summary>
    public abstract string Description { get; }

    /// <summary>How long the first open at start may take.</summary>
    public abstract TimeSpan ConnectTimeout { get; }

    /// <summary>DDL of the schema version table.</summary>
    public abstract string CreateSchemaVersionTableSql { get; }

    /// <summary>Opens a pooled connection.</summary>
    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Creates what must exist before the first open (SQLite: the file's folder).</summary>
    public virtual void PrepareLocation()
    {
    }

    /// <summary>Prepares the database file or server session before migrations (e.g. SQLite WAL mode).</summary>
    public virtual Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Serialises writers inside this process where the database allows one writer only; null when not needed.</summary>
    public virtual ValueTask<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IDisposable?>(null);

    /// <summary>Begins a write transaction (SQLite: <c>BEGIN IMMEDIATE</c>, so lock upgrades cannot deadlock).</summary>
    public virtual async ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Takes the lock that keeps concurrent starters from migrating at once, inside <paramref name="transaction"/>.</summary>
    public abstract Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Adds a timestamp parameter in the dialect's storage type.</summary>
    public abstract void AddTimestamp(DbCommand command, string name, DateTimeOffset value);

    /// <summary>Reads a timestamp column written by <see cref="AddTimestamp"/>.</summary>
    public abstract DateTimeOffset GetTimestamp(DbDataReader reader, int ordinal);

    /// <summary>
    /// Adds <paramref name="counts"/>[i] to the last sequence of stream <paramref name="keys"/>[i] (keys distinct, in
    /// ordinal order) and returns the new last sequence per key. The default is one upsert per key.
    /// </summary>
    public virtual async Task<Dictionary<string, long>> ReserveSequencesAsync(
        DbConnection connection,
        DbTransaction transaction,
        string streamNamespace,
        IReadOnlyList<string> keys,
        IReadOnlyList<long> counts,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO stream_heads (namespace, stream_key, last_sequence) VALUES (@ns, @key, @count)
            ON CONFLICT (namespace, stream_key) DO UPDATE SET last_sequence = stream_heads.last_sequence + excluded.last_sequence
            RETURNING last_sequence
            """;
        command.AddParameter("@ns", streamNamespace);
        var key = command.AddParameter("@key", string.Empty);
        var count = command.AddParameter("@count", 0L);
        var last = new Dictionary<string, long>(keys.Count, StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            key.Value = keys[i];
            count.Value = counts[i];
            last[keys[i]] = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }

        return last;
    }

    /// <summary>
    /// Inserts one namespace's events of an append transaction. The default is a prepared single-row insert in a loop,
    /// which is what SQLite is fastest with; PostgreSQL overrides it with one array insert.
    /// </summary>
    public virtual async Task InsertEventsAsync(
        DbConnection connection,
        DbTransaction transaction,
        string streamNamespace,
        IReadOnlyList<PendingEvent> events,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO stream_events (namespace, position, stream_key, sequence, payload, enqueued_at)
            VALUES (@ns, @position, @key, @sequence, @payload, @now)
            """;
        command.AddParameter("@ns", streamNamespace);
        var position = command.AddParameter("@position", 0L);
        var key = command.AddParameter("@key", string.Empty);
        var sequence = command.AddParameter("@sequence", 0L);
        var payload = command.AddParameter("@payload", Array.Empty<byte>());
        AddTimestamp(command, "@now", now);
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        foreach (var e in events)
        {
            position.Value = e.Position;
            key.Value = e.StreamKey;
            sequence.Value = e.Sequence;
            payload.Value = ToArray(e.Payload);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Disposes pooled resources.</summary>
    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The payload as an array, without copying when it already is a whole array.</summary>
    public static byte[] ToArray(ReadOnlyMemory<byte> payload) =>
        MemoryMarshal.TryGetArray(payload, out var segment) && segment.Array is not null && segment.Offset == 0 && segment.Count == segment.Array.Length
            ? segment.Array
            : payload.ToArray();
}
