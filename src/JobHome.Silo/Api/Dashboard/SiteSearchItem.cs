namespace JobHome.Silo.Api.Dashboard;

/// <summary>A site found by <c>GET /api/sites/search</c>.</summary>
public sealed record SiteSearchItem(string Code, string Name, string Kind, string? ParentCode);
