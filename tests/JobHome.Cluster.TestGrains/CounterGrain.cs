namespace JobHome.Cluster.TestGrains;

/// <summary>A persistent counter for the failover load.</summary>
public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    /// <inheritdoc />
    public async Task<CounterReply> IncrementAsync()
    {
        state.State.Value++;
        await state.WriteStateAsync();
        return new CounterReply(state.State.Value, RuntimeIdentity);
    }
}
