using JobHome.Domain.Posts;
using JobHome.Domain.Work;

namespace JobHome.Grains.People;

/// <summary>
/// One entry of a seeker's placement history, with the post's occupation code and kind at the placement (null for an
/// entry stored before they were kept; the re-ranker's history, <see cref="Matching.PlacedWork"/>, reads them).
/// </summary>
[GenerateSerializer, Immutable, Alias("jobhome.placement-record")]
public sealed record PlacementRecord(
    [property: Id(0)] string PlacementId,
    [property: Id(1)] string PostId,
    [property: Id(2)] DateOnly Start,
    [property: Id(3)] DateOnly? End,
    [property: Id(4)] PlacementEndReason? EndReason,
    [property: Id(5)] string? Occupation = null,
    [property: Id(6)] WorkKind? Kind = null);
