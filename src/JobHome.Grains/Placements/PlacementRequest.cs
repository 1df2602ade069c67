namespace JobHome.Grains.Placements;

/// <summary>A seeker takes an opening of a post from a date (上岗日期).</summary>
[GenerateSerializer, Immutable, Alias("jobhome.placement-request")]
public sealed record PlacementRequest(
    [property: Id(0)] string SeekerId,
    [property: Id(1)] string PostId,
    [property: Id(2)] DateOnly Start);
