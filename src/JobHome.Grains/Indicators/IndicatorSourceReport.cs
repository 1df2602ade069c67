using JobHome.Domain.Indicators;

namespace JobHome.Grains.Indicators;

/// <summary>A record's current contribution as the record itself holds it: the truth a recount compares against.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.indicator-source-report")]
public sealed record IndicatorSourceReport(
    [property: Id(0)] string? SiteCode,
    [property: Id(1)] long Version,
    [property: Id(2)] IndicatorContribution Contribution);
