namespace JobHome.Actors.Streams;

/// <summary>Where an event sits: its stream, its gap-free per-stream sequence number (from 1) and its namespace-wide position.</summary>
public readonly record struct StreamSequenceToken(StreamId Stream, long SequenceNumber, long Position);
