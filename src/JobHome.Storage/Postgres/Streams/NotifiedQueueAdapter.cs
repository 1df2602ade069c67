using JobHome.Storage.Streams;
using Orleans.Runtime;
using Orleans.Streams;

namespace JobHome.Storage.Postgres.Streams;

/// <summary>
/// Orleans' ADO.NET queue adapter with receivers woken by NOTIFY (<see cref="NotifiedQueueAdapterReceiver"/>); enqueues
/// go to the inner adapter unchanged (their statement sends the NOTIFY at commit: schema 0008).
/// </summary>
internal sealed class NotifiedQueueAdapter(
    IQueueAdapter inner,
    PostgresStreamNotifications notifications,
    PostgresStreamWakeUpOptions options,
    TimeProvider time) : IQueueAdapter
{
    /// <inheritdoc />
    public string Name => inner.Name;

    /// <inheritdoc />
    public bool IsRewindable => inner.IsRewindable;

    /// <inheritdoc />
    public StreamProviderDirection Direction => inner.Direction;

    /// <inheritdoc />
    public Task QueueMessageBatchAsync<T>(
        StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext) =>
        inner.QueueMessageBatchAsync(streamId, events, token, requestContext);

    /// <summary>The inner receiver of <paramref name="queueId"/>, woken by its queue's notifications.</summary>
    public IQueueAdapterReceiver CreateReceiver(QueueId queueId)
    {
        // The ADO.NET provider stores a queue under QueueId.ToString() and its own name as the provider id.
        QueueSignal signal = notifications.For(inner.Name, queueId.ToString());
        notifications.Start();
        return new NotifiedQueueAdapterReceiver(inner.CreateReceiver(queueId), signal, options, time);
    }
}
