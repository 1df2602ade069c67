using JobHome.Domain.People;

namespace JobHome.Grains.People;

/// <summary>A seeker's labour status as their household sees it; <see cref="Version"/> orders reports that arrive out of order.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.member-status")]
public sealed record MemberStatus(
    [property: Id(0)] LabourStatus Status,
    [property: Id(1)] DateOnly Since,
    [property: Id(2)] int Version);
