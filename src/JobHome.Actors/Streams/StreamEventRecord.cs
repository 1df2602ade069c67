namespace JobHome.Actors.Streams;

/// <summary>A stored stream event.</summary>
/// <param name="Stream">Its stream.</param>
/// <param name="Sequence">Gap-free sequence number within the stream, from 1; consumers drop numbers they have seen.</param>
/// <param name="Position">Namespace-wide position, increasing in commit order.</param>
/// <param name="Payload">Serialised event.</param>
/// <param name="EnqueuedAt">Time the event was appended (UTC).</param>
public sealed record StreamEventRecord(StreamId Stream, long Sequence, long Position, byte[] Payload, DateTimeOffset EnqueuedAt);
