namespace JobHome.Grains.Matching;

/// <summary>Payload of <see cref="PostListMetrics.RefreshedEvent"/>: whose list was refreshed and how late.</summary>
/// <param name="SeekerId">The seeker.</param>
/// <param name="LagMilliseconds">Time since the first stale mark (or the registration).</param>
public sealed record PostListRefreshed(string SeekerId, double LagMilliseconds);
