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
    HashRingBasedStreamQueueMapper mapper,
    Serializer<SqliteBatchContainer> serializer,
    SqliteQueueSignals signals,
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

        var queue = (int)mapper.GetQueueForStream(streamId).GetNumericId();
        var payload = serializer.SerializeToArray(new SqliteBatchContainer(streamId, list, requestContext));
        var stream = streamId.ToString();
        // The queue's receiver is told on the writer loop right after the commit, before this publish completes.
        var signal = signals.For(queue);
        return store.WriteAsync(SqliteWriteLabel.StreamEnqueue, context =>
        {
            var command = context.Command(SqliteStreamQueue.EnqueueSql);
            command.Parameters.AddWithValue("$provider", name);
            command.Parameters.AddWithValue("$queue", queue);
            command.Parameters.AddWithValue("$stream", stream);
            command.Parameters.AddWithValue("$payload", payload);
            command.Parameters.AddWithValue("$now", context.NowMicroseconds);
            return command.ExecuteNonQuery();
        }, signal.Notify, acknowledgement: null);
    }

    /// <inheritdoc />
    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) => createReceiver(queueId);
}
