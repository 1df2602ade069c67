namespace JobHome.Grains.Matching;

/// <summary>
/// The silo-wide bound on the storage reads of rebuilding match partitions (<see cref="MatchingOptions.RebuildReadsInFlight"/>):
/// one instance per silo, shared by every partition's rebuild, so a restart that makes all partitions rebuild at once
/// puts at most <see cref="Limit"/> reads on the store together instead of 16 per partition. A read waits for a permit;
/// a rebuild step waiting here is an interleaving timer tick, so its partition keeps answering queries meanwhile.
/// Recounts do not use it (their reads run inside grain calls under the response timeout; see docs/grains.md).
/// A batched read (<see cref="RunBatchAsync{T}"/>: one statement for a whole rebuild step's records, on a storage that
/// offers it) stands for one partition's 16 single reads, so the silo runs <see cref="BatchLimit"/> = Limit / 16 of them
/// at once (at least one): on the default limit one batch at a time, which keeps the rebuild to about one core and leaves
/// the rest to the change path.
/// A read asked as urgent (a rebuild's posts, which its partition's post lists wait for) takes the next free permit ahead
/// of every waiting read that is not; among themselves both kinds are served in the order they asked.
/// </summary>
public sealed class RebuildReadLimiter : IDisposable
{
    /// <summary>Single reads one batched read stands for (one partition's per-row fan-out).</summary>
    public const int ReadsPerBatch = 16;

    private readonly PriorityPermits _permits;
    private readonly PriorityPermits _batchPermits;
    private long _batchReads;
    private int _inFlight;
    private int _peak;
    private long _reads;

    /// <summary>A limiter of <paramref name="limit"/> reads in flight at once (at least 1).</summary>
    public RebuildReadLimiter(int limit)
    {
        if (limit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit,
                "MatchingOptions.RebuildReadsInFlight (重建并发读取数) must be at least 1.");
        }
        Limit = limit;
        _permits = new PriorityPermits(limit);
        BatchLimit = Math.Max(1, limit / ReadsPerBatch);
        _batchPermits = new PriorityPermits(BatchLimit);
    }

    /// <summary>Batched reads allowed in flight at once on this silo (<see cref="Limit"/> / 16, at least 1).</summary>
    public int BatchLimit { get; }

    /// <summary>Batched reads done (or failed) through this limiter (also counted in <see cref="Reads"/>).</summary>
    public long BatchReads => Interlocked.Read(ref _batchReads);

    /// <summary>Reads allowed in flight at once on this silo.</summary>
    public int Limit { get; }

    /// <summary>Reads in flight now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The most reads ever in flight at once on this silo (never above <see cref="Limit"/>).</summary>
    public int PeakInFlight => Volatile.Read(ref _peak);

    /// <summary>Reads done (or failed) through this limiter.</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>
    /// Runs <paramref name="read"/> once a permit is free (before any waiting read that is not <paramref name="urgent"/>,
    /// when it is); the permit is held until it completes or fails.
    /// </summary>
    public Task<T> RunAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken, bool urgent = false)
    {
        ArgumentNullException.ThrowIfNull(read);
        return RunAsync(_permits, read, urgent, cancellationToken);
    }

    /// <summary>
    /// Runs the batched read <paramref name="read"/> once a batch permit is free (<see cref="BatchLimit"/> at once; before
    /// any waiting batch that is not <paramref name="urgent"/>, when it is); the permit is held until it completes or fails.
    /// Counted in <see cref="InFlight"/>, <see cref="PeakInFlight"/> and <see cref="Reads"/> as one read.
    /// </summary>
    public async Task<T> RunBatchAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken, bool urgent = false)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return await RunAsync(_batchPermits, read, urgent, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Increment(ref _batchReads);
        }
    }

    private async Task<T> RunAsync<T>(PriorityPermits permits, Func<Task<T>> read, bool urgent, CancellationToken cancellationToken)
    {
        await permits.TakeAsync(urgent, cancellationToken).ConfigureAwait(false);
        var now = Interlocked.Increment(ref _inFlight);
        int peak;
        while (now > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
        {
        }
        try
        {
            return await read().ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            Interlocked.Increment(ref _reads);
            permits.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Nothing to free: the permits are plain queues of waiters (kept IDisposable for the silo's container).
    }

    /// <summary>
    /// A counting semaphore with two queues: a released permit goes to the first waiting urgent taker, else to the first
    /// waiting other one, else back to the free count. A cancelled taker leaves its place (its permit is never lost).
    /// </summary>
    private sealed class PriorityPermits(int count)
    {
        private readonly Lock _lock = new();
        private readonly LinkedList<TaskCompletionSource> _urgent = [];
        private readonly LinkedList<TaskCompletionSource> _others = [];
        private int _free = count;

        public Task TakeAsync(bool urgent, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            LinkedListNode<TaskCompletionSource> node;
            lock (_lock)
            {
                if (_free > 0)
                {
                    _free--;
                    return Task.CompletedTask;
                }
                // Completed outside the lock, continuations off the releasing thread.
                node = (urgent ? _urgent : _others).AddLast(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }
            return cancellationToken.CanBeCanceled ? WaitAsync(node, cancellationToken) : node.Value.Task;
        }

        public void Release()
        {
            TaskCompletionSource? next;
            lock (_lock)
            {
                var queue = _urgent.Count > 0 ? _urgent : _others.Count > 0 ? _others : null;
                if (queue is null)
                {
                    _free++;
                    return;
                }
                next = queue.First!.Value;
                queue.RemoveFirst();
            }
            next.SetResult();
        }

        private async Task WaitAsync(LinkedListNode<TaskCompletionSource> node, CancellationToken cancellationToken)
        {
            var cancelled = false;
            using (cancellationToken.Register(() =>
            {
                lock (_lock)
                {
                    // Still waiting (not handed a permit yet): leave the queue; a permit handed over meanwhile is kept.
                    if (node.List is { } queue)
                    {
                        queue.Remove(node);
                        cancelled = true;
                    }
                }
                if (cancelled)
                {
                    node.Value.TrySetCanceled(cancellationToken);
                }
            }))
            {
                await node.Value.Task.ConfigureAwait(false);
            }
        }
    }
}
