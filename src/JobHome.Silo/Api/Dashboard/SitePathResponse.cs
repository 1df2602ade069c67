namespace JobHome.Silo.Api.Dashboard;

/// <summary>The breadcrumbs from the root (province) down to the site.</summary>
public sealed record SitePathResponse(SitePathItem[] Items);
