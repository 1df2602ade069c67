namespace JobHome.Silo.Api.Sites;

/// <summary>Body of <c>POST /api/sites</c> and <c>PUT /api/sites/{code}</c>.</summary>
public sealed record SiteRequest(
    string? Code,
    string? Name,
    string? Kind,
    string? ParentCode,
    double? Lat,
    double? Lon,
    bool? Rural,
    int? FullTimeStaff = null,
    int? PartTimeStaff = null,
    int? Volunteers = null,
    string? CreationLevel = null);
