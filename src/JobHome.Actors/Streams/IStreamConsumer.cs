namespace JobHome.Actors.Streams;

/// <summary>
/// Implemented by a grain class with <see cref="ImplicitStreamSubscriptionAttribute"/>: receives the events of the stream
/// whose key is the grain's key, in order, at least once. Use <see cref="StreamSequenceToken.SequenceNumber"/> to drop
/// repeats (a number not greater than the last one handled).
/// </summary>
/// <typeparam name="T">The event type.</typeparam>
public interface IStreamConsumer<in T>
{
    /// <summary>Handles one event; an exception makes the runtime retry, then dead-letter it.</summary>
    Task OnNextAsync(T item, StreamSequenceToken token);
}
