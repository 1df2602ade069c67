using JobHome.Domain.Posts;

namespace JobHome.Grains.People;

/// <summary>One entry of a seeker's placement history.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.placement-record")]
public sealed record PlacementRecord(
    [property: Id(0)] string PlacementId,
    [property: Id(1)] string PostId,
    [property: Id(2)] DateOnly Start,
    [property: Id(3)] DateOnly? End,
    [property: Id(4)] PlacementEndReason? EndReason);
