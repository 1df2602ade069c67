using JobHome.Storage.Sqlite.Streams;
using JobHome.Storage.Streams;
using Orleans.Runtime;

namespace JobHome.Storage.Sqlite;

/// <summary>
/// One state write's part in a <see cref="StreamOutbox"/>: the events' queue rows, built (serialized) on the caller's
/// thread before the write is queued, inserted in the write's transaction once its state statement succeeded, and their
/// queues' receivers woken right after the commit, as a publish's own commit would.
/// </summary>
internal sealed class SqliteOutboxPart
{
    private readonly StreamOutbox _outbox;
    private readonly SqliteStreamQueues _queues;
    private readonly SqliteQueueRow[] _rows;
    private int _inserted;

    private SqliteOutboxPart(StreamOutbox outbox, SqliteStreamQueues queues, SqliteQueueRow[] rows)
    {
        _outbox = outbox;
        _queues = queues;
        _rows = rows;
    }

    /// <summary>
    /// Takes the flow's outbox for <paramref name="grain"/>'s write when its provider is a SQLite provider of this store
    /// (before the state is serialized: taking it lets the publisher mark the events published in that state); null
    /// otherwise.
    /// </summary>
    public static SqliteOutboxPart? Take(GrainId grain, SqliteStreamProviders? providers)
    {
        if (providers is null || StreamOutbox.Current is not { } outbox || !providers.TryGet(outbox.Provider, out var queues)
            || !outbox.TryTake(grain))
        {
            return null;
        }

        // One row per event, as one OnNextAsync each; the request context as the stream producer exports it.
        var context = RequestContextExtensions.Export(providers.Copier);
        var rows = new SqliteQueueRow[outbox.Events.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var e = outbox.Events[i];
            rows[i] = queues.Row(e.Stream, [e.Event], context, providers.Serializer);
        }

        return new SqliteOutboxPart(outbox, queues, rows);
    }

    /// <summary>Inside the transaction, after the state statement succeeded (run again if its batch is re-run).</summary>
    public void Execute(SqliteWriteContext context)
    {
        var inserted = 0;
        foreach (var row in _rows)
        {
            inserted += _queues.Insert(context, row);
        }

        _inserted = inserted;
    }

    /// <summary>Inside the transaction: the state statement was refused (stale ETag), so no row goes either.</summary>
    public void Refused() => _inserted = 0;

    /// <summary>On the writer, right after the commit, before the caller resumes: wakes the queues' receivers.</summary>
    public void Committed()
    {
        if (_inserted == 0)
        {
            return;
        }

        foreach (var queue in _rows.Select(static r => r.Queue).Distinct())
        {
            _queues.Signals.For(queue).Notify();
        }

        _outbox.MarkCommitted();
        SqliteMetrics.RecordOutbox(_inserted);
    }
}
