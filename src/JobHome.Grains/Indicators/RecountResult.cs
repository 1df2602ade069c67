namespace JobHome.Grains.Indicators;

/// <summary>What a recount found: records checked against the aggregates and records whose aggregate entry was corrected.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.recount-result")]
public sealed record RecountResult(
    [property: Id(0)] long Checked,
    [property: Id(1)] long Corrected);
