using Microsoft.Data.Sqlite;

namespace JobHome.Storage.Sqlite.Streams;

/// <summary>
/// The statements on <c>stream_queue</c> and <c>stream_dead_letters</c> shared by the adapter, receiver and failure
/// handler.
/// </summary>
internal static class SqliteStreamQueue
{
    /// <summary>A row read from the queue.</summary>
    public readonly record struct Row(long Id, byte[] Payload, int Attempts, long EnqueuedAt);

    // attempts starts at 1: the first read in this process is counted with the enqueue's commit (SqliteQueueSignal.MarkRead),
    // so that read needs no write of its own before the delivery.
    public const string EnqueueSql = """
        INSERT INTO stream_queue (provider, queue_id, stream_id, payload, attempts, enqueued_at)
        VALUES ($provider, $queue, $stream, $payload, 1, $now)
        """;

    public const string ReadSql = """
        SELECT id, payload, attempts, enqueued_at FROM stream_queue
        WHERE provider = $provider AND queue_id = $queue AND id > $after
        ORDER BY id LIMIT $limit
        """;

    public const string CountAttemptSql = """
        UPDATE stream_queue SET attempts = attempts + 1
        WHERE provider = $provider AND queue_id = $queue AND id > $after AND id <= $last
        """;

    // A fresh AUTOINCREMENT id is above every id any receiver has read; attempts are kept and the coming read is counted
    // now (a first read of a new id writes nothing, as for a new row), so MaxAttempts still bounds how often one message
    // is handed out. $counted is 0 when the given-up delivery was never answered by the consumer (a timeout, a
    // rejection): that read is taken back, the coming one takes its count.
    private const string RequeueSql = """
        INSERT INTO stream_queue (provider, queue_id, stream_id, payload, attempts, enqueued_at)
        SELECT provider, queue_id, stream_id, payload, attempts + $counted, enqueued_at FROM stream_queue WHERE id = $id
        """;

    public const string DeleteSql = "DELETE FROM stream_queue WHERE id = $id";

    private const string DeadLetterSql = """
        INSERT INTO stream_dead_letters (message_id, provider, queue_id, stream_id, payload, attempts, reason, enqueued_at, failed_at)
        SELECT id, provider, queue_id, stream_id, payload, attempts, $reason, enqueued_at, $now FROM stream_queue WHERE id = $id
        ON CONFLICT (message_id) DO NOTHING
        """;

    /// <summary>Moves one message to the dead letters (inside the caller's batch transaction); false if it was gone.</summary>
    public static bool DeadLetter(SqliteWriteContext context, long id, string reason)
    {
        var insert = context.Command(DeadLetterSql);
        insert.Parameters.AddWithValue("$id", id);
        insert.Parameters.AddWithValue("$reason", reason);
        insert.Parameters.AddWithValue("$now", context.NowMicroseconds);
        var moved = insert.ExecuteNonQuery() > 0;
        Delete(context, id);
        return moved;
    }

    /// <summary>
    /// Moves one message to the end of its queue under a new id (inside the caller's batch transaction); false if it
    /// was gone (delivered or dead-lettered meanwhile). <paramref name="countAttempt"/>: false when the consumer never
    /// answered the given-up delivery (the attempt count stays as it was).
    /// </summary>
    public static bool Requeue(SqliteWriteContext context, long id, bool countAttempt = true)
    {
        var insert = context.Command(RequeueSql);
        insert.Parameters.AddWithValue("$id", id);
        insert.Parameters.AddWithValue("$counted", countAttempt ? 1 : 0);
        if (insert.ExecuteNonQuery() == 0)
        {
            return false;
        }

        Delete(context, id);
        return true;
    }

    /// <summary>Deletes one message (delivered).</summary>
    public static void Delete(SqliteWriteContext context, long id)
    {
        var delete = context.Statement(DeleteSql);
        delete.Bind("$id", id);
        delete.Run();
    }

    /// <summary>Reads up to <paramref name="limit"/> rows of one queue after <paramref name="after"/>, in id order.</summary>
    public static async Task<List<Row>> ReadAsync(
        SqliteConnection connection,
        string provider,
        int queue,
        long after,
        int limit,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = ReadSql;
        command.Parameters.AddWithValue("$provider", provider);
        command.Parameters.AddWithValue("$queue", queue);
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$limit", limit);
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new Row(reader.GetInt64(0), (byte[])reader.GetValue(1), reader.GetInt32(2), reader.GetInt64(3)));
        }

        return rows;
    }
}
