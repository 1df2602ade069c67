namespace JobHome.Grains.Matching;

/// <summary>Payload of <see cref="PostListMetrics.RefreshedEvent"/>: whose list was refreshed, how late, and to what.</summary>
/// <param name="SeekerId">The seeker.</param>
/// <param name="LagMilliseconds">Time since the first stale mark (or the registration).</param>
/// <param name="PostIds">The stored list's post ids after the refresh, best first.</param>
/// <param name="Partitions">How many partitions the refresh asked.</param>
/// <param name="Skipped">How many partitions the notice named that were not asked (new posts below the part's floor).</param>
/// <param name="Deferred">How many partitions were not asked because none of their refresh permits was free (the parts stay
/// stale until the seeker's retry).</param>
public sealed record PostListRefreshed(string SeekerId, double LagMilliseconds, string[] PostIds, int Partitions, int Skipped = 0,
    int Deferred = 0);
