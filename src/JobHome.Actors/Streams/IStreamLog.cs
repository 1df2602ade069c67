namespace JobHome.Actors.Streams;

/// <summary>
/// Durable stream log. Every appended event gets a per-stream sequence number (1, 2, 3 … gap-free per stream) and a
/// namespace-wide position (increasing in commit order). Delivery agents read a namespace from their checkpoint,
/// deliver, then advance the checkpoint: at least once, in order per stream.
/// </summary>
public interface IStreamLog
{
    /// <summary>Appends a batch (possibly spanning streams) in one transaction; returns the assigned sequence number of each item, in order.</summary>
    Task<IReadOnlyList<long>> AppendAsync(IReadOnlyList<StreamAppend> batch, CancellationToken cancellationToken);

    /// <summary>Reads up to <paramref name="max"/> events of <paramref name="streamNamespace"/> with position &gt; <paramref name="afterPosition"/>, by position.</summary>
    Task<IReadOnlyList<StreamEventRecord>> ReadAsync(string streamNamespace, long afterPosition, int max, CancellationToken cancellationToken);

    /// <summary>The consumer's checkpoint (last fully handled position) in the namespace; 0 when none.</summary>
    Task<long> GetCheckpointAsync(string consumer, string streamNamespace, CancellationToken cancellationToken);

    /// <summary>Stores the consumer's checkpoint; never moves it backwards.</summary>
    Task SetCheckpointAsync(string consumer, string streamNamespace, long position, CancellationToken cancellationToken);

    /// <summary>Counts one failed delivery attempt of <paramref name="record"/> for the consumer and returns the attempts so far.</summary>
    Task<int> RecordFailureAsync(string consumer, StreamEventRecord record, string error, CancellationToken cancellationToken);

    /// <summary>Moves the event to the dead-letter table for the consumer and advances its checkpoint past it, atomically.</summary>
    Task DeadLetterAsync(string consumer, StreamEventRecord record, string error, int attempts, CancellationToken cancellationToken);

    /// <summary>Reads dead letters, oldest first.</summary>
    Task<IReadOnlyList<DeadLetterRecord>> ReadDeadLettersAsync(string streamNamespace, int max, CancellationToken cancellationToken);
}
