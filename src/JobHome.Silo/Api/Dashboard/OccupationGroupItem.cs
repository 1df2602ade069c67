namespace JobHome.Silo.Api.Dashboard;

/// <summary>
/// One major group (大类 "1".."8"): free openings of the subtree's open posts, and unemployed seekers who name an
/// occupation of the group (a seeker with intentions in two groups counts in both).
/// </summary>
public sealed record OccupationGroupItem(string MajorGroup, string Zh, string En, long Openings, long ActiveSeekers);
