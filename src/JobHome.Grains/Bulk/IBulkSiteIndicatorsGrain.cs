namespace JobHome.Grains.Bulk;

/// <summary>The bulk side of a site's aggregator (same grain as <see cref="Indicators.ISiteIndicatorsGrain"/>).</summary>
[Alias("jobhome.IBulkSiteIndicatorsGrain")]
public interface IBulkSiteIndicatorsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Sets many of the site's own record entries in one write (each replaces an older version, as a stream event would)
    /// and reports the totals upward on the aggregator's usual schedule.
    /// </summary>
    [Alias("ApplySources")]
    Task ApplySourcesAsync(BulkSource[] sources);
}
