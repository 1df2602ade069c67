namespace JobHome.Actors.AdoNet.Dialects;

/// <summary>An event of an append transaction with its assigned sequence and position.</summary>
internal readonly record struct PendingEvent(string StreamKey, long Sequence, long Position, ReadOnlyMemory<byte> Payload);
