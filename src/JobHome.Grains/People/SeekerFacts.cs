using JobHome.Domain.People;

namespace JobHome.Grains.People;

/// <summary>What placement and household rules need of a seeker, with the key groups effective today.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.seeker-facts")]
public sealed record SeekerFacts(
    [property: Id(0)] string SiteCode,
    [property: Id(1)] LabourStatus Status,
    [property: Id(2)] DateOnly StatusSince,
    [property: Id(3)] KeyGroups KeyGroups,
    [property: Id(4)] string? HouseholdId);
