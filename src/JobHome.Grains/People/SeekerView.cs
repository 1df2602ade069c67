using JobHome.Domain.People;
using JobHome.Domain.Work;

namespace JobHome.Grains.People;

/// <summary>A seeker as shown to staff: ID number and phone masked, key groups effective (derived ones computed today).</summary>
[GenerateSerializer, Immutable, Alias("jobhome.seeker-view")]
public sealed record SeekerView(
    [property: Id(0)] string Id,
    [property: Id(1)] string SiteCode,
    [property: Id(2)] string Name,
    [property: Id(3)] string IdNumberMasked,
    [property: Id(4)] string PhoneMasked,
    [property: Id(5)] DateOnly BirthDate,
    [property: Id(6)] Gender Gender,
    [property: Id(7)] EducationLevel Education,
    [property: Id(8)] string[] Occupations,
    [property: Id(9)] string[] Skills,
    [property: Id(10)] decimal ExpectedPayMin,
    [property: Id(11)] double Lat,
    [property: Id(12)] double Lon,
    [property: Id(13)] bool Rural,
    [property: Id(14)] WorkKind Availability,
    [property: Id(15)] KeyGroups KeyGroups,
    [property: Id(16)] LabourStatus Status,
    [property: Id(17)] DateOnly StatusSince,
    [property: Id(18)] string? HouseholdId,
    [property: Id(19)] PlacementRecord[] Placements,
    [property: Id(20)] FollowUp[] FollowUps,
    [property: Id(21)] DateOnly RegisteredOn)
{
    /// <summary>The deregistration date (注销登记), null while registered.</summary>
    [Id(22)]
    public DateOnly? DeregisteredOn { get; init; }

    /// <summary>Why the seeker was deregistered, null while registered.</summary>
    [Id(23)]
    public string? DeregistrationReason { get; init; }
}
