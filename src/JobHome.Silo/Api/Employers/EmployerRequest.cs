namespace JobHome.Silo.Api.Employers;

/// <summary>Body of <c>POST /api/employers</c> and <c>PUT /api/employers/{creditCode}</c>; location defaults to the site's.</summary>
public sealed record EmployerRequest(string? CreditCode, string? Name, string? SiteCode, double? Lat = null, double? Lon = null,
    string? ContactPhone = null);
