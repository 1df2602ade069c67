using JobHome.Domain.Indicators;

namespace JobHome.Grains.Indicators;

/// <summary>The newest subtree totals an aggregator holds for one child site (version 1).</summary>
[GenerateSerializer, Alias("jobhome.indicator-child-entry.v1")]
public sealed class ChildEntry
{
    /// <summary>The child's report number.</summary>
    [Id(0)]
    public long Version { get; set; }

    /// <summary>The child's subtree counts at that report.</summary>
    [Id(1)]
    public IndicatorCounts Counts { get; set; } = new();
}
