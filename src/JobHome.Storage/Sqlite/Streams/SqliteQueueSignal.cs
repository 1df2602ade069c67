namespace JobHome.Storage.Sqlite.Streams;

/// <summary>
/// Tells one queue's receiver that rows were committed for it. The embedded store is one process, so the publisher
/// (through the writer loop, right after the commit) and the receiver share this object: an idle receiver waits on it
/// instead of polling the table, and a read that found nothing costs no SQL until the version moves.
/// </summary>
/// <remarks>
/// No lost wake-up: a receiver takes <see cref="Version"/> <em>before</em> its read, and a commit bumps the version only
/// after it is visible to new reads; so a commit that races an empty read leaves the version above what the receiver
/// took, and its next call reads instead of waiting.
/// </remarks>
internal sealed class SqliteQueueSignal
{
    private readonly Lock _lock = new();
    private long _version;
    private long _readThrough;
    private TaskCompletionSource? _waiter;

    /// <summary>Bumped once per commit that added rows to the queue.</summary>
    public long Version
    {
        get
        {
            lock (_lock)
            {
                return _version;
            }
        }
    }

    /// <summary>
    /// Notes that a receiver in this process read the queue through row <paramref name="last"/>; returns the highest row id
    /// read before. A row above both that and <see cref="SqliteStore.StreamRowsBefore"/> is read for the first time since
    /// it was inserted by this process, and its enqueue already counted that read (attempts start at 1), so no write is
    /// needed before delivering it; any other read (a row left by an earlier process, a second receiver of the queue
    /// re-reading after an agent restart) is counted before delivery as before.
    /// </summary>
    public long MarkRead(long last)
    {
        lock (_lock)
        {
            var before = _readThrough;
            _readThrough = Math.Max(before, last);
            return before;
        }
    }

    /// <summary>Rows were committed for the queue: wakes a waiting receiver (its continuation runs elsewhere).</summary>
    public void Notify()
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            _version++;
            waiter = _waiter;
            _waiter = null;
        }

        waiter?.TrySetResult();
    }

    /// <summary>
    /// Completes with true once <see cref="Version"/> differs from <paramref name="seen"/> (at once if it does already),
    /// with false when <paramref name="timeout"/> passed on <paramref name="time"/> or <paramref name="cancellationToken"/>
    /// was cancelled first.
    /// </summary>
    public async Task<bool> WaitAsync(long seen, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        Task changed;
        lock (_lock)
        {
            if (_version != seen)
            {
                return true;
            }

            if (timeout <= TimeSpan.Zero || cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed = _waiter.Task;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var expired = Task.Delay(timeout, time, stop.Token);
        var first = await Task.WhenAny(changed, expired).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        return first == changed;
    }
}
