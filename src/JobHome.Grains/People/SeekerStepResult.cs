namespace JobHome.Grains.People;

/// <summary>The result of a step on a seeker's record, with what the household must hear next.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.seeker-step-result")]
public sealed record SeekerStepResult(
    [property: Id(0)] CommandResult Result,
    [property: Id(1)] string? HouseholdId,
    [property: Id(2)] MemberStatus? Status);
