using JobHome.Grains.Records;

namespace JobHome.Grains.People;

/// <summary>
/// A household activated before the bulk import wrote it re-reads its state when a call finds it unregistered, and
/// retries a decision whose write met a newer ETag (see <see cref="StoredStateGuard{TState}"/>).
/// </summary>
public sealed partial class HouseholdGrain : IIncomingGrainCallFilter
{
    private StoredStateGuard<HouseholdState>? _stored;

    /// <inheritdoc />
    public Task Invoke(IIncomingGrainCallContext context)
    {
        _stored ??= new StoredStateGuard<HouseholdState>(state, s => s.SiteCode is null, PublishIndicatorsAsync);
        return _stored.InvokeAsync(context);
    }
}
