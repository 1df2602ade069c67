using JobHome.Domain.Validation;

namespace JobHome.Grains.Placements;

/// <summary>A placement: the request, how far it got, why it was refused and how it ended.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.placement-view")]
public sealed record PlacementView(
    [property: Id(0)] string Id,
    [property: Id(1)] PlacementRequest Request,
    [property: Id(2)] PlacementStep Step,
    [property: Id(3)] FieldError[] Refusal,
    [property: Id(4)] PlacementEnd? End);
