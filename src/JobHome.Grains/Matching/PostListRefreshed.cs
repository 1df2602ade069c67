namespace JobHome.Grains.Matching;

/// <summary>Payload of <see cref="PostListMetrics.RefreshedEvent"/>: whose list was refreshed, how late, and to what.</summary>
/// <param name="SeekerId">The seeker.</param>
/// <param name="LagMilliseconds">Time since the change that made the list stale (the first mark, or the notice's time).</param>
/// <param name="PostIds">The stored list's post ids after the refresh, best first.</param>
/// <param name="Partitions">How many partitions the refresh asked.</param>
/// <param name="Skipped">How many partitions the notice named that were not asked (new posts below the part's floor).</param>
/// <param name="Pushed">1 when the refresh is a partition's pushed part (<see cref="PostListPush"/>, named in
/// <paramref name="Partitions"/> = 1) rather than the seeker's own query; 0 otherwise.</param>
/// <param name="Items">The stored list after the refresh, factors included (what a read at unchanged versions serves).</param>
public sealed record PostListRefreshed(string SeekerId, double LagMilliseconds, string[] PostIds, int Partitions, int Skipped = 0,
    int Pushed = 0, MatchItem[]? Items = null);
