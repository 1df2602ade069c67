namespace JobHome.Silo.Api.Dashboard;

/// <summary>One breadcrumb of <c>GET /api/sites/{code}/path</c>.</summary>
public sealed record SitePathItem(string Code, string Name, string Kind);
