namespace JobHome.Actors.Streams;

/// <summary>One event to append: its stream and serialised payload.</summary>
public readonly record struct StreamAppend(StreamId Stream, ReadOnlyMemory<byte> Payload);
