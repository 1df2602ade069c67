using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;

namespace JobHome.Storage.Sqlite.Streams;

/// <summary>
/// Publishes to the SQLite queue: one row per <c>OnNextAsync</c>/<c>OnNextBatchAsync</c> call, inserted through the
/// store's group-commit writer, so concurrent publishers share commits; the publish completes once the row committed,
/// and the commit wakes the queue's receiver (<see cref="SqliteQueueSignal"/>).
/// </summary>
internal sealed class SqliteQueueAdapter(
    string name,
    SqliteStore store,
    SqliteStreamOptions options,
    SqliteStreamQueues queues,
    Serializer<SqliteBatchContainer> serializer,
    Func<QueueId, SqliteQueueAdapterReceiver> createReceiver) : IQueueAdapter
{
    /// <inheritdoc />
    public string Name => name;

    /// <inheritdoc />
    public bool IsRewindable => false;

    /// <inheritdoc />
    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    /// <summary>The options the provider runs with.</summary>
    public SqliteStreamOptions Options => options;

    /// <inheritdoc />
    public Task QueueMessageBatchAsync<T>(
        StreamId streamId,
        IEnumerable<T> events,
        StreamSequenceToken? token,
        Dictionary<string, object>? requestContext)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (token is not null)
        {
            throw new ArgumentException(
                "The SQLite stream provider assigns sequence tokens itself; publish without a token.",
                nameof(token));
        }

        var list = events.Cast<object>().ToList();
        if (list.Count == 0)
        {
            return Task.CompletedTask;
        }

        // The same row a state write carrying the events would insert (SqliteStreamQueues; StreamOutbox).
        var row = queues.Row(streamId, list, requestContext, serializer);
        // The queue's receiver is told on the writer loop right after the commit, before this publish completes.
        var signal = queues.Signals.For(row.Queue);
        return store.WriteAsync(SqliteWriteLabel.StreamEnqueue, context => queues.Insert(context, row), signal.Notify,
            acknowledgement: null);
    }

    /// <inheritdoc />
    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) => createReceiver(queueId);
}
