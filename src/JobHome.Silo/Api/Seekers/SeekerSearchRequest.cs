namespace JobHome.Silo.Api.Seekers;

/// <summary>
/// Body of <c>POST /api/seekers/search</c>: a name fragment or an exact ID number, searched within the subtree of
/// <c>siteCode</c>; the body keeps the ID number out of URLs and access logs.
/// </summary>
public sealed record SeekerSearchRequest(string? SiteCode, string? Q, int? Page = null);
