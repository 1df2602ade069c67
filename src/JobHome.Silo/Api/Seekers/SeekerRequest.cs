namespace JobHome.Silo.Api.Seekers;

/// <summary>Body of <c>POST /api/seekers</c> and <c>PUT /api/seekers/{id}</c> (fields as in seekers.csv, camelCase).</summary>
public sealed record SeekerRequest(
    string? SiteCode,
    string? Name,
    string? IdNumber,
    string? Phone,
    DateOnly? BirthDate,
    string? Gender,
    string? Education,
    string[]? Occupations,
    string[]? Skills,
    decimal? ExpectedPayMin,
    double? Lat,
    double? Lon,
    bool? Rural,
    string[]? Availability,
    string[]? KeyGroups,
    string? Status,
    DateOnly? StatusSince);
