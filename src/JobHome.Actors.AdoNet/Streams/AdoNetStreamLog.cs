using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using JobHome.Actors.AdoNet.Diagnostics;
using JobHome.Actors.AdoNet.Dialects;
using JobHome.Actors.Streams;
using Microsoft.Extensions.Logging;

namespace JobHome.Actors.AdoNet.Streams;

/// <summary>
/// The durable stream log: events in <c>stream_events</c>, per-stream sequences from <c>stream_heads</c>, namespace-wide
/// positions from <c>stream_namespaces</c>, consumer checkpoints, failure counts and dead letters.
/// </summary>
/// <remarks>
/// <para>
/// Positions must become visible in the order they are assigned, or a reader that has seen position 12 would move its
/// checkpoint past a position 11 that commits a moment later, and never deliver it. A sequence (BIGSERIAL) does not
/// give that on PostgreSQL: values are handed out at insert time, not at commit. So an append first increments the
/// namespace's row in <c>stream_namespaces</c>; the row lock it takes is held until commit, which serialises the
/// appenders of one namespace and makes assignment order equal commit order. A rolled-back append also rolls back
/// its increment, so positions have no gaps either. SQLite has a single writer, which gives the same by construction.
/// </para>
/// <para>
/// Namespaces of a batch are locked in ordinal order, so batches spanning several namespaces cannot deadlock. Appends
/// to different namespaces do not wait for each other.
/// </para>
/// </remarks>
internal sealed class AdoNetStreamLog(AdoNetStore store, ILogger<AdoNetStreamLog> logger) : IStreamLog
{
    private const string ReserveSql = """
        INSERT INTO stream_namespaces (namespace, last_position) VALUES (@ns, @count)
        ON CONFLICT (namespace) DO UPDATE SET last_position = stream_namespaces.last_position + excluded.last_position
        RETURNING last_position
        """;

    // Never backwards: the conditional update leaves a higher stored checkpoint alone.
    private const string CheckpointSql = """
        INSERT INTO stream_checkpoints (consumer, namespace, position, updated_at) VALUES (@consumer, @ns, @position, @now)
        ON CONFLICT (consumer, namespace) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
            WHERE stream_checkpoints.position < excluded.position
        """;

    private const string ForgetFailuresSql =
        "DELETE FROM stream_failures WHERE consumer = @consumer AND namespace = @ns AND position <= @position";

    private const string FailureSql = """
        INSERT INTO stream_failures (consumer, namespace, position, attempts, last_error, updated_at)
        VALUES (@consumer, @ns, @position, 1, @error, @now)
        ON CONFLICT (consumer, namespace, position) DO UPDATE
            SET attempts = stream_failures.attempts + 1, last_error = excluded.last_error, updated_at = excluded.updated_at
        RETURNING attempts
        """;

    private const string DeadLetterSql = """
        INSERT INTO stream_dead_letters (consumer, namespace, stream_key, sequence, position, payload, enqueued_at, error, attempts, failed_at)
        VALUES (@consumer, @ns, @key, @sequence, @position, @payload, @enqueued, @error, @attempts, @now)
        ON CONFLICT (consumer, namespace, position) DO NOTHING
        """;

    public async Task<IReadOnlyList<long>> AppendAsync(IReadOnlyList<StreamAppend> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return [];
        }

        var start = Stopwatch.GetTimestamp();
        try
        {
            var sequences = new long[batch.Count];
            var now = store.Clock.GetUtcNow();
            var byNamespace = GroupIndices(batch, static a => a.Stream.Namespace);

            await using var scope = await store.OpenWriteAsync(transaction: true, cancellationToken).ConfigureAwait(false);
            await using var reserve = scope.CreateCommand(ReserveSql);
            var reserveNs = reserve.AddParameter("@ns", string.Empty);
            var reserveCount = reserve.AddParameter("@count", 0L);

            foreach (var (streamNamespace, indices) in byNamespace)
            {
                // 1. Lock the namespace and reserve its positions (see remarks: this is what orders commits).
                reserveNs.Value = streamNamespace;
                reserveCount.Value = (long)indices.Count;
                var lastPosition = await ScalarInt64Async(reserve, cancellationToken).ConfigureAwait(false);
                var position = lastPosition - indices.Count;

                // 2. Reserve each stream's sequence numbers, keys in ordinal order.
                var byKey = GroupIndices(indices, i => batch[i].Stream.Key);
                var keys = byKey.Keys.ToList();
                var counts = byKey.Values.Select(v => (long)v.Count).ToList();
                var lastSequence = await store.Dialect.ReserveSequencesAsync(scope.Connection, scope.Transaction!, streamNamespace, keys, counts, cancellationToken).ConfigureAwait(false);
                var firstSequence = new Dictionary<string, long>(keys.Count, StringComparer.Ordinal);
                for (var k = 0; k < keys.Count; k++)
                {
                    firstSequence[keys[k]] = lastSequence[keys[k]] - counts[k] + 1;
                }

                // 3. Number the events in batch order and insert them.
                var pending = new List<PendingEvent>(indices.Count);
                foreach (var i in indices)
                {
                    var key = batch[i].Stream.Key;
                    var sequence = firstSequence[key];
                    firstSequence[key] = sequence + 1;
                    sequences[i] = sequence;
                    pending.Add(new PendingEvent(key, sequence, ++position, batch[i].Payload));
                }

                await store.Dialect.InsertEventsAsync(scope.Connection, scope.Transaction!, streamNamespace, pending, now, cancellationToken).ConfigureAwait(false);
            }

            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
            return sequences;
        }
        finally
        {
            store.Record("stream.append", start);
        }
    }

    public async Task<IReadOnlyList<StreamEventRecord>> ReadAsync(string streamNamespace, long afterPosition, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var start = Stopwatch.GetTimestamp();
        try
        {
            await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT stream_key, sequence, position, payload, enqueued_at FROM stream_events
                WHERE namespace = @ns AND position > @after ORDER BY position LIMIT @max
                """;
            command.AddParameter("@ns", streamNamespace);
            command.AddParameter("@after", afterPosition);
            command.AddParameter("@max", max);
            var events = new List<StreamEventRecord>(Math.Min(max, 1024));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                events.Add(new StreamEventRecord(
                    new StreamId(streamNamespace, reader.GetString(0)),
                    reader.GetInt64(1),
                    reader.GetInt64(2),
                    reader.GetFieldValue<byte[]>(3),
                    store.Dialect.GetTimestamp(reader, 4)));
            }

            return events;
        }
        finally
        {
            store.Record("stream.read", start);
        }
    }

    public async Task<long> GetCheckpointAsync(string consumer, string streamNamespace, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT position FROM stream_checkpoints WHERE consumer = @consumer AND namespace = @ns";
            command.AddParameter("@consumer", consumer);
            command.AddParameter("@ns", streamNamespace);
            var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return result is null or DBNull ? 0 : Convert.ToInt64(result, CultureInfo.InvariantCulture);
        }
        finally
        {
            store.Record("stream.checkpoint.get", start);
        }
    }

    public async Task SetCheckpointAsync(string consumer, string streamNamespace, long position, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await using var scope = await store.OpenWriteAsync(transaction: true, cancellationToken).ConfigureAwait(false);
            await AdvanceCheckpointAsync(scope, consumer, streamNamespace, position, cancellationToken).ConfigureAwait(false);
            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            store.Record("stream.checkpoint.set", start);
        }
    }

    public async Task<int> RecordFailureAsync(string consumer, StreamEventRecord record, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var start = Stopwatch.GetTimestamp();
        try
        {
            await using var scope = await store.OpenWriteAsync(transaction: false, cancellationToken).ConfigureAwait(false);
            await using var command = scope.CreateCommand(FailureSql);
            command.AddParameter("@consumer", consumer);
            command.AddParameter("@ns", record.Stream.Namespace);
            command.AddParameter("@position", record.Position);
            command.AddParameter("@error", error);
            store.Dialect.AddTimestamp(command, "@now", store.Clock.GetUtcNow());
            return (int)await ScalarInt64Async(command, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            store.Record("stream.failure", start);
        }
    }

    public async Task DeadLetterAsync(string consumer, StreamEventRecord record, string error, int attempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var start = Stopwatch.GetTimestamp();
        try
        {
            await using var scope = await store.OpenWriteAsync(transaction: true, cancellationToken).ConfigureAwait(false);
            await using (var command = scope.CreateCommand(DeadLetterSql))
            {
                command.AddParameter("@consumer", consumer);
                command.AddParameter("@ns", record.Stream.Namespace);
                command.AddParameter("@key", record.Stream.Key);
                command.AddParameter("@sequence", record.Sequence);
                command.AddParameter("@position", record.Position);
                command.AddParameter("@payload", record.Payload);
                store.Dialect.AddTimestamp(command, "@enqueued", record.EnqueuedAt);
                command.AddParameter("@error", error);
                command.AddParameter("@attempts", attempts);
                store.Dialect.AddTimestamp(command, "@now", store.Clock.GetUtcNow());
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await AdvanceCheckpointAsync(scope, consumer, record.Stream.Namespace, record.Position, cancellationToken).ConfigureAwait(false);
            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
            Log.DeadLettered(logger, consumer, record.Stream.ToString(), record.Sequence, record.Position, attempts);
        }
        finally
        {
            store.Record("stream.dead_letter", start);
        }
    }

    public async Task<IReadOnlyList<DeadLetterRecord>> ReadDeadLettersAsync(string streamNamespace, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var start = Stopwatch.GetTimestamp();
        try
        {
            await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT consumer, stream_key, sequence, position, payload, enqueued_at, error, attempts, failed_at
                FROM stream_dead_letters WHERE namespace = @ns ORDER BY id LIMIT @max
                """;
            command.AddParameter("@ns", streamNamespace);
            command.AddParameter("@max", max);
            var letters = new List<DeadLetterRecord>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var record = new StreamEventRecord(
                    new StreamId(streamNamespace, reader.GetString(1)),
                    reader.GetInt64(2),
                    reader.GetInt64(3),
                    reader.GetFieldValue<byte[]>(4),
                    store.Dialect.GetTimestamp(reader, 5));
                letters.Add(new DeadLetterRecord(reader.GetString(0), record, reader.GetString(6), reader.GetInt32(7), store.Dialect.GetTimestamp(reader, 8)));
            }

            return letters;
        }
        finally
        {
            store.Record("stream.dead_letters.read", start);
        }
    }

    private async Task AdvanceCheckpointAsync(WriteScope scope, string consumer, string streamNamespace, long position, CancellationToken cancellationToken)
    {
        await using (var command = scope.CreateCommand(CheckpointSql))
        {
            command.AddParameter("@consumer", consumer);
            command.AddParameter("@ns", streamNamespace);
            command.AddParameter("@position", position);
            store.Dialect.AddTimestamp(command, "@now", store.Clock.GetUtcNow());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // Failure counts behind the checkpoint are settled.
        await using var forget = scope.CreateCommand(ForgetFailuresSql);
        forget.AddParameter("@consumer", consumer);
        forget.AddParameter("@ns", streamNamespace);
        forget.AddParameter("@position", position);
        await forget.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<long> ScalarInt64Async(DbCommand command, CancellationToken cancellationToken) =>
        Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);

    /// <summary>Groups item indices by a key, keys in ordinal order, indices in their original order.</summary>
    private static SortedDictionary<string, List<int>> GroupIndices(IReadOnlyList<StreamAppend> batch, Func<StreamAppend, string> keyOf)
    {
        var groups = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            var key = keyOf(batch[i]);
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }

            list.Add(i);
        }

        return groups;
    }

    private static SortedDictionary<string, List<int>> GroupIndices(List<int> indices, Func<int, string> keyOf)
    {
        var groups = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var i in indices)
        {
            var key = keyOf(i);
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }

            list.Add(i);
        }

        return groups;
    }
}
