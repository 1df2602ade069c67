using JobHome.Domain.Indicators;

namespace JobHome.Grains.Indicators;

/// <summary>The newest contribution an aggregator holds for one record or one child site (version 1).</summary>
[GenerateSerializer, Alias("jobhome.indicator-source-entry.v1")]
public sealed class SourceEntry
{
    /// <summary>The record's version.</summary>
    [Id(0)]
    public long Version { get; set; }

    /// <summary>The record's contribution at that version.</summary>
    [Id(1)]
    public IndicatorContribution Contribution { get; set; }
}
