using JobHome.Domain.Indicators;

namespace JobHome.Grains.Bulk;

/// <summary>One record's contribution at a version, set into its site's aggregator by a bulk import.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.bulk-source")]
public sealed record BulkSource(
    [property: Id(0)] string SourceId,
    [property: Id(1)] long Version,
    [property: Id(2)] IndicatorContribution Contribution);
