using Microsoft.Extensions.Logging;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;

namespace JobHome.Storage.Sqlite.Streams;

/// <summary>
/// Reads one queue for Orleans' pulling agent. A row is deleted only when the agent reports it delivered (purged from
/// the cache after every consumer got it); rows still in the table when a silo dies are read and delivered again by
/// the next silo (at least once). Each read counts an attempt; a row read <see cref="SqliteStreamOptions.MaxAttempts"/>
/// times without confirmation, or one that cannot be deserialized, is dead-lettered instead of delivered. Rows whose
/// delivery the agent gave up on (a batched call that kept failing: the poison's batch-mates; every row of a call the
/// consumer never answered) are put back at the end of the queue under new ids before each read, so they are read and
/// delivered again; those of an unanswered call keep their attempt count (<see cref="SqliteDeliveryOutcomes"/>).
/// </summary>
/// <remarks>
/// An idle queue costs no SQL: the receiver reads only when its <see cref="SqliteQueueSignal"/> says rows were committed
/// since its last read that saw the end of the queue; otherwise it waits for that signal up to
/// <see cref="SqliteStreamOptions.IdleWait"/> and returns nothing if none came (the pulling agent then polls again after
/// <see cref="SqliteStreamOptions.PollInterval"/>). Orleans' agent does not tick while a read is outstanding, so the wait
/// holds the agent's loop at the queue without a timer firing.
/// </remarks>
internal sealed partial class SqliteQueueAdapterReceiver(
    string provider,
    QueueId queueId,
    SqliteStore store,
    SqliteStreamOptions options,
    SqliteRedeliveries redeliveries,
    SqliteQueueSignal signal,
    TimeProvider time,
    Serializer<SqliteBatchContainer> serializer,
    ILogger<SqliteQueueAdapterReceiver> logger) : IQueueAdapterReceiver
{
    private readonly int _queue = (int)queueId.GetNumericId();

    // Rows up to here were handed to the agent by this receiver; older undelivered rows come back only after a restart.
    private long _lastReadId;

    // The signal's version as of the last read that reached the end of the queue: every commit before it was read. A new
    // receiver (a restarted silo) starts below any version, so it reads what earlier processes left.
    private long _seenVersion = -1;
    private long _sqlReads;

    /// <summary>Reads of the table so far (tests: an idle queue does none).</summary>
    internal long SqlReads => Interlocked.Read(ref _sqlReads);

    /// <summary>Tests: runs after each read of the table, before the receiver notes what it saw (a commit racing the read).</summary>
    internal Func<Task>? AfterRead { get; set; }

    /// <inheritdoc />
    public Task Initialize(TimeSpan timeout) => Initialize(timeout, CancellationToken.None);

    /// <summary>Opens the store.</summary>
    public Task Initialize(TimeSpan timeout, CancellationToken cancellationToken) =>
        store.StartAsync(cancellationToken).WaitAsync(timeout, cancellationToken);

    /// <inheritdoc />
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    /// <summary>Reads the next rows of the queue, counts the attempt and dead-letters poison.</summary>
    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        await RequeueGivenUpAsync(cancellationToken).ConfigureAwait(false);
        // Taken before the read: a commit racing the read moves the version past it, so it is not slept through.
        var version = signal.Version;
        if (version == _seenVersion)
        {
            // Woken: read what was committed. Timed out: read anyway, once per idle wait, for rows no notify announced (a
            // writer in another process or silo on the file); the agent's loop also purges delivered rows between reads.
            await signal.WaitAsync(version, options.IdleWait, time, cancellationToken).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                return [];
            }

            version = signal.Version;
        }

        var limit = maxCount <= 0 ? options.ReadBatchSize : Math.Min(maxCount, options.ReadBatchSize);
        List<SqliteStreamQueue.Row> rows;
        Interlocked.Increment(ref _sqlReads);
        await using (var connection = await store.OpenReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows = await SqliteStreamQueue.ReadAsync(connection, provider, _queue, _lastReadId, limit, cancellationToken)
                .ConfigureAwait(false);
        }

        if (AfterRead is { } afterRead)
        {
            await afterRead().ConfigureAwait(false);
        }

        if (rows.Count < limit)
        {
            // The read saw the end of the queue as of a moment after the version was taken.
            _seenVersion = version;
        }

        if (rows.Count == 0)
        {
            return [];
        }

        var readAt = store.NowMicroseconds;
        foreach (var row in rows)
        {
            SqliteMetrics.RecordStreamReadLag(row.EnqueuedAt, readAt);
        }

        // Rows up to countThrough were read before in this process or inserted by an earlier one: their read is counted
        // here. The rows above it are first reads whose count the enqueue committed (attempts start at 1).
        var countThrough = Math.Max(signal.MarkRead(rows[^1].Id), store.StreamRowsBefore);
        var batches = new List<IBatchContainer>(rows.Count);
        var poison = new List<(long Id, string Reason)>();
        foreach (var row in rows)
        {
            var readsBefore = row.Id > countThrough ? row.Attempts - 1 : row.Attempts;
            if (readsBefore >= options.MaxAttempts)
            {
                poison.Add((row.Id, $"read {readsBefore} times without a confirmed delivery (MaxAttempts {options.MaxAttempts})"));
                continue;
            }

            try
            {
                var batch = serializer.Deserialize(row.Payload) ?? throw new InvalidDataException("empty payload");
                batch.Token = new EventSequenceTokenV2(row.Id);
                batches.Add(batch);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                poison.Add((row.Id, $"cannot be deserialized: {e.Message}"));
            }
        }

        var after = _lastReadId;
        var last = rows[^1].Id;
        var countLast = Math.Min(last, countThrough);
        if (poison.Count > 0 || countLast > after)
        {
            // The attempt is durable before the agent delivers anything: a silo that dies mid-delivery has counted it.
            await store.WriteAsync(SqliteWriteLabel.StreamAttempt, context =>
            {
                // Dead letters first, so they keep the attempt count they were read with.
                foreach (var (id, reason) in poison)
                {
                    SqliteStreamQueue.DeadLetter(context, id, reason);
                }

                if (countLast > after)
                {
                    var count = context.Command(SqliteStreamQueue.CountAttemptSql);
                    count.Parameters.AddWithValue("$provider", provider);
                    count.Parameters.AddWithValue("$queue", _queue);
                    count.Parameters.AddWithValue("$after", after);
                    count.Parameters.AddWithValue("$last", countLast);
                    count.ExecuteNonQuery();
                }

                return 0;
            }, cancellationToken).ConfigureAwait(false);
        }

        _lastReadId = last;
        foreach (var batch in batches)
        {
            // The agent has them now: a consumer's acknowledgement may delete them with its state write.
            store.HandedOut(batch.SequenceToken.SequenceNumber);
        }

        foreach (var (id, reason) in poison)
        {
            LogDeadLettered(logger, id, provider, _queue, reason);
        }

        return batches;
    }

    // Rows behind _lastReadId would not be read again until a restart: give them new ids after every id read so far.
    // The call's first row is gone already (the failure handler dead-lettered it before the cache let the call go).
    private async Task RequeueGivenUpAsync(CancellationToken cancellationToken)
    {
        var ids = redeliveries.Take(_queue);
        if (ids.Count == 0)
        {
            return;
        }

        // Rows of a call the consumer never answered (a timeout, a rejection) keep their attempt count.
        var unanswered = ids.Where(redeliveries.TakeUnanswered).ToHashSet();
        int moved;
        try
        {
            // The moved rows are new commits for this queue: the read that follows must not wait for them.
            moved = await store.WriteAsync(
                    SqliteWriteLabel.StreamRequeue,
                    context => ids.Count(id => SqliteStreamQueue.Requeue(context, id, countAttempt: !unanswered.Contains(id))),
                    signal.Notify,
                    acknowledgement: null,
                    cancellationToken)
                .ConfigureAwait(false);
        }
        catch
        {
            // Not moved (the write is one transaction): noted again for the next read, or they would stay unread.
            redeliveries.Add(_queue, ids);
            redeliveries.Unanswered(unanswered);
            throw;
        }

        foreach (var id in ids)
        {
            store.Forget(id);
        }

        LogRequeued(logger, moved, ids.Count, provider, _queue);
    }

    /// <inheritdoc />
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    /// <summary>
    /// Deletes delivered rows: they will not be read again. Rows a consumer's acknowledgement already deleted with its state
    /// write (<see cref="JobHome.Storage.Streams.StreamAcknowledgement"/>) need no write; when that is all of them, none is made.
    /// </summary>
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var ids = new List<long>(messages.Count);
        foreach (var message in messages)
        {
            var id = ((SqliteBatchContainer)message).Token!.SequenceNumber;
            if (!store.Confirmed(id))
            {
                ids.Add(id);
            }
        }

        if (ids.Count == 0)
        {
            return Task.CompletedTask;
        }

        return store.WriteAsync(SqliteWriteLabel.StreamConfirm, context =>
        {
            foreach (var id in ids)
            {
                SqliteStreamQueue.Delete(context, id);
            }

            return ids.Count;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task Shutdown(TimeSpan timeout) => Task.CompletedTask;

    /// <summary>Nothing to release: rows not yet confirmed stay in the table for the next reader.</summary>
    public Task Shutdown(TimeSpan timeout, CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Put {Moved} stream messages back into provider {Provider} queue {Queue} ({Dropped} dropped unconfirmed by "
            + "a given-up delivery; the rest were dead-lettered): they are delivered again")]
    private static partial void LogRequeued(ILogger logger, int moved, int dropped, string provider, int queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream message {Id} of provider {Provider} queue {Queue} dead-lettered: {Reason}")]
    private static partial void LogDeadLettered(ILogger logger, long id, string provider, int queue, string reason);
}
