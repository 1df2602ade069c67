namespace JobHome.Silo.Api.Dashboard;

/// <summary>The occupation breakdown of a subtree: all eight major groups, in order.</summary>
public sealed record OccupationsResponse(string SiteCode, OccupationGroupItem[] Items);
