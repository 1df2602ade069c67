namespace JobHome.Grains.Indicators;

/// <summary>
/// Stored state of a site's aggregator (version 1): the newest contribution of each of the site's own records and the
/// newest subtree totals of each child. The counts are not stored: they are rebuilt from these on activation.
/// </summary>
[GenerateSerializer, Alias("jobhome.site-indicators-state.v1")]
public sealed class SiteIndicatorsState
{
    /// <summary>The site's own records by source id.</summary>
    [Id(0)]
    public Dictionary<string, SourceEntry> Sources { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Child sites by code.</summary>
    [Id(1)]
    public Dictionary<string, ChildEntry> Children { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The number of the last report sent to the parent by earlier versions (reports now carry the epoch).</summary>
    [Id(2)]
    public long ReportVersion { get; set; }

    /// <summary>
    /// Bumped and written once per activation: a report's number is <c>epoch × 2³² + n</c> (n counts the activation's
    /// reports), so numbers only grow across activations without a write per report.
    /// </summary>
    [Id(3)]
    public long ReportEpoch { get; set; }

    /// <summary>
    /// True when the last activation stopped cleanly with its child totals written; false while an activation runs.
    /// An activation that finds it false may have lost the newest child reports (they are written per flush period,
    /// not per report) and asks its children to report again.
    /// </summary>
    [Id(4)]
    public bool StoppedCleanly { get; set; }

    /// <summary>
    /// True once a township has taken over the entries its villages and communities stored in their own aggregators
    /// before township streams (read from their storage on its first activation since; their child totals dropped).
    /// </summary>
    [Id(5)]
    public bool MembersAdopted { get; set; }
}
