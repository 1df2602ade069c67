using JobHome.Grains.Records;

namespace JobHome.Grains.People;

/// <summary>
/// A seeker activated before the bulk import wrote it (e.g. by a read of its id) re-reads its state when a call finds
/// it unregistered, and retries a decision whose write met a newer ETag (see <see cref="StoredStateGuard{TState}"/>).
/// </summary>
public sealed partial class SeekerGrain : IIncomingGrainCallFilter
{
    private StoredStateGuard<SeekerState>? _stored;

    /// <inheritdoc />
    public Task Invoke(IIncomingGrainCallContext context)
    {
        _stored ??= new StoredStateGuard<SeekerState>(state, s => s.Registration is null, RestoredAsync);
        return _stored.InvokeAsync(context);
    }

    // As on activation, for the state just read: the cached match record and post list belong to the old state.
    private async Task RestoredAsync()
    {
        _matchRecord = null;
        await PublishIndicatorsAsync();
        await ReportToHouseholdIfPendingAsync();
        await PublishMatchAsync(state.State.MatchPartition);
    }
}
