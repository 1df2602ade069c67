using JobHome.Domain.Posts;

namespace JobHome.Grains.Placements;

/// <summary>A placement ends on a date for a reason; the seeker is unemployed from that date.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.placement-end")]
public sealed record PlacementEnd(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] PlacementEndReason Reason);
