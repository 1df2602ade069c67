namespace JobHome.Actors.Streams;

/// <summary>A durable stream: publishing appends to the stream log; implicit subscribers receive events in order, at least once.</summary>
/// <typeparam name="T">The event type (serialised with the silo serializer).</typeparam>
public interface IAsyncStream<in T>
{
    /// <summary>The stream's identity.</summary>
    StreamId StreamId { get; }

    /// <summary>Appends one event; completes when it is durably in the log (appends of concurrent producers are batched).</summary>
    Task OnNextAsync(T item, CancellationToken cancellationToken = default);

    /// <summary>Appends events in order, in one batch; completes when all are durably in the log.</summary>
    Task OnNextBatchAsync(IEnumerable<T> items, CancellationToken cancellationToken = default);
}
