using JobHome.Storage.Streams;

namespace JobHome.Storage.Sqlite;

/// <summary>
/// One state write's part in a <see cref="StreamAcknowledgement"/>: it joins when queued, and the last write of the group
/// deletes the delivered queue rows in its own transaction, once its statement succeeded and no earlier write of the
/// group failed. The writer runs writes in queue order and fails a write before it runs the next batch, so every earlier
/// write of the group has committed (in this transaction or before) or marked the acknowledgement failed by then.
/// </summary>
internal sealed class SqliteAckPart(StreamAcknowledgement acknowledgement, SqliteStore store)
{
    private bool _carries;
    private int _deleted;

    /// <summary>On the writer's queueing path, right before the write is queued.</summary>
    public void Queued() => _carries = acknowledgement.Join();

    /// <summary>Inside the transaction, after the state statement succeeded (run again if its batch is re-run).</summary>
    public void Execute(SqliteWriteContext context)
    {
        _deleted = _carries && !acknowledgement.Failed ? store.DeleteAcknowledged(context, acknowledgement.MessageIds) : 0;
    }

    /// <summary>Inside the transaction: the state statement was refused (stale ETag), so nothing may be acknowledged.</summary>
    public void Refused()
    {
        _deleted = 0;
        acknowledgement.Fail();
    }

    /// <summary>On the writer, the write's batch failed.</summary>
    public void Failed() => acknowledgement.Fail();

    /// <summary>On the writer, right after the commit, before the caller resumes.</summary>
    public void Committed()
    {
        if (_deleted > 0)
        {
            store.MarkAcknowledged(acknowledgement.MessageIds);
            acknowledgement.MarkCommitted();
            SqliteMetrics.RecordAcknowledged(_deleted);
        }
    }
}
