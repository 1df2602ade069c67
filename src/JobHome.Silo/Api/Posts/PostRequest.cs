namespace JobHome.Silo.Api.Posts;

/// <summary>Body of <c>POST /api/posts</c> and <c>PUT /api/posts/{id}</c> (fields as in posts.csv, camelCase).</summary>
public sealed record PostRequest(
    string? SiteCode,
    string? EmployerCode,
    string? Title,
    string? Occupation,
    int? Openings,
    decimal? PayMin,
    decimal? PayMax,
    double? Lat,
    double? Lon,
    string? Kind,
    string? MinEducation = null,
    int? AgeMin = null,
    int? AgeMax = null,
    string[]? Skills = null);
