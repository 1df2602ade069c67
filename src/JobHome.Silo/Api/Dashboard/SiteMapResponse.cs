namespace JobHome.Silo.Api.Dashboard;

/// <summary>Every site of a subtree (all levels, the root included), in code order.</summary>
public sealed record SiteMapResponse(string SiteCode, SiteMapItem[] Items);
