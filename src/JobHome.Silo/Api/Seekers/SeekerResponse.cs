using JobHome.Grains.People;

namespace JobHome.Silo.Api.Seekers;

/// <summary>A seeker as the API shows it: ID number and phone masked, key groups effective today.</summary>
public sealed record SeekerResponse(
    string Id,
    string SiteCode,
    string Name,
    string IdNumberMasked,
    string PhoneMasked,
    DateOnly BirthDate,
    string Gender,
    string Education,
    string[] Occupations,
    string[] Skills,
    decimal ExpectedPayMin,
    double Lat,
    double Lon,
    bool Rural,
    string[] Availability,
    string[] KeyGroups,
    string Status,
    DateOnly StatusSince,
    string? HouseholdId,
    SeekerPlacementResponse[] Placements,
    FollowUpResponse[] FollowUps,
    DateOnly RegisteredOn,
    DateOnly? DeregisteredOn,
    string? DeregistrationReason)
{
    /// <summary>The response for a stored seeker.</summary>
    internal static SeekerResponse From(SeekerView v) => new(
        v.Id, v.SiteCode, v.Name, v.IdNumberMasked, v.PhoneMasked, v.BirthDate, ApiTokens.Of(v.Gender),
        Domain.People.EducationLevels.ToToken(v.Education),
        v.Occupations, v.Skills, v.ExpectedPayMin, v.Lat, v.Lon, v.Rural, ApiTokens.Of(v.Availability), ApiTokens.Of(v.KeyGroups),
        ApiTokens.Of(v.Status), v.StatusSince, v.HouseholdId,
        [.. v.Placements.Select(p => new SeekerPlacementResponse(p.PlacementId, p.PostId, p.Start, p.End,
            p.EndReason is { } reason ? ApiTokens.Of(reason) : null))],
        [.. v.FollowUps.Select(f => new FollowUpResponse(f.Date, f.Kind, f.Note, f.By))],
        v.RegisteredOn, v.DeregisteredOn, v.DeregistrationReason);
}
