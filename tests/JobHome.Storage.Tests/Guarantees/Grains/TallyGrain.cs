namespace JobHome.Storage.Tests.Guarantees.Grains;

/// <summary>Keeps <see cref="TallyState"/> in <see cref="StorageNames.Default"/>.</summary>
public sealed class TallyGrain(
    [PersistentState("counter", StorageNames.Default)] IPersistentState<TallyState> state) : Grain, ITallyGrain
{
    /// <inheritdoc />
    public async Task<int> AddAsync(int delta)
    {
        state.State.Value += delta;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    /// <inheritdoc />
    public Task<int> GetAsync() => Task.FromResult(state.State.Value);

    /// <inheritdoc />
    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
