namespace JobHome.Grains.Indicators;

/// <summary>Where a running subtree recount stands (see <see cref="SubtreeRecount"/>); reported after every step.</summary>
/// <param name="Phase"><c>repair</c> while the aggregators correct themselves, <c>count</c> while the records are read.</param>
/// <param name="Sites">Sites in the subtree.</param>
/// <param name="SitesDone">Sites finished in this phase.</param>
/// <param name="Records">Records read so far in the count phase.</param>
/// <param name="ElapsedMs">Milliseconds since the recount began.</param>
public sealed record RecountProgress(string Phase, int Sites, int SitesDone, long Records, long ElapsedMs);
