using JobHome.Grains.People;

namespace JobHome.Silo.Api.Households;

/// <summary>A household with its zero-employment state; <c>overdue</c> is computed for today.</summary>
public sealed record HouseholdResponse(
    string Id,
    string SiteCode,
    HouseholdMemberResponse[] Members,
    bool ZeroEmployment,
    DateOnly? ZeroEmploymentSince,
    bool Overdue,
    bool OverdueAlertRaised,
    DateOnly RegisteredOn)
{
    /// <summary>The response for a stored household.</summary>
    internal static HouseholdResponse From(HouseholdView v) => new(v.Id, v.SiteCode,
        [.. v.Members.Select(m => new HouseholdMemberResponse(m.SeekerId, m.Status is { } s ? ApiTokens.Of(s) : null, m.Since))],
        v.ZeroEmployment, v.ZeroEmploymentSince, v.Overdue, v.OverdueAlertRaised, v.RegisteredOn);
}
