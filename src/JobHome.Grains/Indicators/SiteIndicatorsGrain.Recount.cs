namespace JobHome.Grains.Indicators;

// The recount's view of the aggregator's entries (IRecountSourcesGrain); kept apart from the aggregation itself.
public sealed partial class SiteIndicatorsGrain : IRecountSourcesGrain
{
    /// <inheritdoc />
    public Task<RecountHeldSources> GetHeldVersionsAsync() =>
        _host is null ? Task.FromResult(HeldVersions(null)) : Host.GetMemberHeldVersionsAsync(_code);
}
