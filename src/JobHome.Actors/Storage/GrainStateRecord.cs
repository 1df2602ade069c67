namespace JobHome.Actors.Storage;

/// <summary>A stored state payload and its ETag.</summary>
public sealed record GrainStateRecord(byte[] Payload, string Etag);
