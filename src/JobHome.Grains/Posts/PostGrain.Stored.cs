using JobHome.Grains.Records;

namespace JobHome.Grains.Posts;

/// <summary>
/// A post activated before the bulk import wrote it re-reads its state when a call finds it unopened, and retries a
/// decision whose write met a newer ETag (see <see cref="StoredStateGuard{TState}"/>).
/// </summary>
public sealed partial class PostGrain : IIncomingGrainCallFilter
{
    private StoredStateGuard<PostState>? _stored;

    /// <inheritdoc />
    public Task Invoke(IIncomingGrainCallContext context)
    {
        _stored ??= new StoredStateGuard<PostState>(state, s => s.Profile is null, RestoredAsync);
        return _stored.InvokeAsync(context);
    }

    // As on activation, for the state just read.
    private async Task RestoredAsync()
    {
        await PublishIndicatorsAsync();
        await PublishMatchAsync(state.State.MatchPartition);
    }
}
