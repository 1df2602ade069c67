namespace JobHome.Silo.Api.Posts;

/// <summary>
/// Body of <c>POST /api/posts</c> and <c>PUT /api/posts/{id}</c> (fields as in posts.csv, camelCase). <c>Opened</c> (posts.csv
/// <c>opened</c>) is read by the bulk import only; a post opened through the API is dated by the server.
/// </summary>
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
    string[]? Skills = null,
    DateOnly? Opened = null);
