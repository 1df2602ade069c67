using JobHome.Domain.People;

namespace JobHome.Grains.People;

/// <summary>A household member's labour status and its date, null until the member's record answered.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.household-member-view")]
public sealed record HouseholdMemberView(
    [property: Id(0)] string SeekerId,
    [property: Id(1)] LabourStatus? Status,
    [property: Id(2)] DateOnly? Since);
