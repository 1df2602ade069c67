using JobHome.Storage.Streams;
using Orleans.Streams;

namespace JobHome.Storage.Postgres.Streams;

/// <summary>
/// Orleans' ADO.NET receiver of one queue, woken by its <see cref="QueueSignal"/> instead of asked every agent tick: after
/// a read that reached the end of the queue (fewer rows than asked for), the next read waits until a NOTIFY for the
/// queue arrived (a commit since that read's start) or <see cref="PostgresStreamWakeUpOptions.IdleWait"/> passed, then
/// reads. So an idle queue costs one dequeue per
/// idle wait instead of one per 100 ms, and a commit is read as soon as its notification arrives.
/// </summary>
/// <remarks>
/// The timed-out read is the safety net: rows no notification announced (one lost with a dropped LISTEN connection,
/// a dequeued row whose visibility timeout ran out, a writer on an older schema) are read within one idle wait.
/// Orleans' agent does not tick while a read is outstanding, so the wait holds the agent's loop at the queue.
/// </remarks>
internal sealed class NotifiedQueueAdapterReceiver(
    IQueueAdapterReceiver inner,
    QueueSignal signal,
    PostgresStreamWakeUpOptions options,
    TimeProvider time) : IQueueAdapterReceiver
{
    private readonly CancellationTokenSource _stop = new();

    // The signal's version as of the start of the last read that reached the end of the queue; -1: read at once.
    private long _seenVersion = -1;
    private long _reads;

    /// <summary>Reads of the table so far (tests: an idle queue does none until its idle wait ran out).</summary>
    internal long Reads => Interlocked.Read(ref _reads);

    /// <inheritdoc />
    public Task Initialize(TimeSpan timeout) => Initialize(timeout, CancellationToken.None);

    /// <summary>Initializes the inner receiver.</summary>
    public Task Initialize(TimeSpan timeout, CancellationToken cancellationToken) => inner.Initialize(timeout, cancellationToken);

    /// <inheritdoc />
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    /// <summary>Waits for a notification when the last read found nothing (up to the idle wait), then reads.</summary>
    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        // Taken before the read: a commit racing the read moves the version past it, so it is not slept through.
        var version = signal.Version;
        if (version == _seenVersion)
        {
            using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token))
            {
                await signal.WaitAsync(version, options.IdleWait, time, stop.Token).ConfigureAwait(false);
            }

            if (_stop.IsCancellationRequested || cancellationToken.IsCancellationRequested)
            {
                return [];
            }

            version = signal.Version;
        }

        Interlocked.Increment(ref _reads);
        var messages = await inner.GetQueueMessagesAsync(maxCount, cancellationToken).ConfigureAwait(false);
        if (messages.Count == 0 || (maxCount > 0 && messages.Count < maxCount))
        {
            // A short read saw the end of the visible queue as of a moment after the version was taken: the next read
            // waits for a commit instead of costing a dequeue that finds nothing (rows it skipped, locked or hidden,
            // come back through a notifying statement or the idle poll).
            _seenVersion = version;
        }

        return messages;
    }

    /// <inheritdoc />
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    /// <summary>Confirms delivered messages through the inner receiver.</summary>
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken) =>
        inner.MessagesDeliveredAsync(messages, cancellationToken);

    /// <inheritdoc />
    public Task Shutdown(TimeSpan timeout) => Shutdown(timeout, CancellationToken.None);

    /// <summary>Ends a waiting read (it returns nothing), then shuts the inner receiver down.</summary>
    public async Task Shutdown(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await inner.Shutdown(timeout, cancellationToken).ConfigureAwait(false);
    }
}
