namespace JobHome.Silo.Api.Dashboard;

/// <summary>The answer of <c>GET /api/sites/search</c>: exact code match first, then code prefixes, then names.</summary>
public sealed record SiteSearchResponse(SiteSearchItem[] Items);
