namespace JobHome.Grains.Indicators;

// The recount's view of the aggregator's entries (IRecountSourcesGrain); kept apart from the aggregation itself.
public sealed partial class SiteIndicatorsGrain : IRecountSourcesGrain
{
    /// <inheritdoc />
    public Task<RecountHeldSources> GetHeldVersionsAsync()
    {
        var entries = _sources.Entries.OrderBy(e => e.Key, StringComparer.Ordinal).ToArray();
        return Task.FromResult(new RecountHeldSources([.. entries.Select(e => e.Key)], [.. entries.Select(e => e.Value.Version)]));
    }
}
