namespace JobHome.Grains.People;

/// <summary>A one-to-one assistance record (一对一帮扶): date, kind, note and who did it.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.follow-up")]
public sealed record FollowUp(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Note,
    [property: Id(3)] string By);
