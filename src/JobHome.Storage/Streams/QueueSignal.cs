namespace JobHome.Storage.Streams;

/// <summary>
/// Tells one queue's receiver that rows were committed for it, so an idle receiver waits on this instead of polling the
/// table. The embedded store bumps it from its writer loop right after the commit; PostgreSQL from the LISTEN connection
/// when the enqueue's NOTIFY arrives (sent at commit).
/// </summary>
/// <remarks>
/// No lost wake-up: a receiver takes <see cref="Version"/> <em>before</em> its read, and a commit bumps the version only
/// after it is visible to new reads; so a commit that races an empty read leaves the version above what the receiver
/// took, and its next call reads instead of waiting.
/// </remarks>
internal class QueueSignal
{
    private readonly Lock _lock = new();
    private long _version;
    private TaskCompletionSource? _waiter;

    /// <summary>Bumped once per commit that added rows to the queue (or made rows visible again).</summary>
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
