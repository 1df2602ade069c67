using JobHome.Storage.Streams;

namespace JobHome.Storage.Sqlite.Streams;

/// <summary>
/// The embedded store's <see cref="QueueSignal"/>: the publisher (through the writer loop, right after the commit) and the
/// receiver share it in one process; it also remembers how far this process's receivers read the queue.
/// </summary>
internal sealed class SqliteQueueSignal : QueueSignal
{
    private long _readThrough;

    /// <summary>
    /// Notes that a receiver in this process read the queue through row <paramref name="last"/>; returns the highest row id
    /// read before. A row above both that and <see cref="SqliteStore.StreamRowsBefore"/> is read for the first time since
    /// it was inserted by this process, and its enqueue already counted that read (attempts start at 1), so no write is
    /// needed before delivering it; any other read (a row left by an earlier process, a second receiver of the queue
    /// re-reading after an agent restart) is counted before delivery as before.
    /// </summary>
    public long MarkRead(long last)
    {
        var before = Interlocked.Read(ref _readThrough);
        while (last > before)
        {
            var seen = Interlocked.CompareExchange(ref _readThrough, last, before);
            if (seen == before)
            {
                return before;
            }

            before = seen;
        }

        return before;
    }
}
