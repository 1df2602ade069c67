namespace JobHome.Silo.Api.Households;

/// <summary>Body of <c>POST /api/households</c> and <c>PUT /api/households/{id}</c>: the site and the member seeker ids.</summary>
public sealed record HouseholdRequest(string? SiteCode, string[]? MemberIds);
