namespace JobHome.Storage.Tests.Guarantees.Grains;

/// <summary>Keeps <see cref="CounterState"/> in <see cref="StorageNames.Default"/>.</summary>
public sealed class CounterGrain(
    [PersistentState("counter", StorageNames.Default)] IPersistentState<CounterState> state) : Grain, ICounterGrain
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
