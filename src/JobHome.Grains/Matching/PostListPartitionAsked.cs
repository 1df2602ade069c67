namespace JobHome.Grains.Matching;

/// <summary>Payload of <see cref="PostListMetrics.AskedEvent"/>: one partition query of a seeker's stored post list.</summary>
/// <param name="SeekerId">The seeker.</param>
/// <param name="Partition">The partition asked.</param>
/// <param name="Cause">Why the list was refreshed (<see cref="PostListMetrics.CauseRead"/>, notice or timer).</param>
public sealed record PostListPartitionAsked(string SeekerId, string Partition, string Cause);
