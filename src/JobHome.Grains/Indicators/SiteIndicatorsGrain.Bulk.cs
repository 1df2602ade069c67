using JobHome.Grains.Bulk;

namespace JobHome.Grains.Indicators;

/// <summary>The bulk import's entry point: many record entries in one step instead of one stream event each.</summary>
public sealed partial class SiteIndicatorsGrain : IBulkSiteIndicatorsGrain
{
    /// <inheritdoc />
    public Task ApplySourcesAsync(BulkSource[] sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        // A member site's entries live at its township.
        return _host is null ? ApplyEntriesAsync(null, sources) : Host.ApplyMemberSourcesAsync(_code, sources);
    }
}
