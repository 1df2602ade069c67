using Orleans;
using Orleans.Runtime;

namespace JobHome.Benchmarks.Orleans;

/// <summary>State in the default storage: ours on SQLite with group commit.</summary>
public sealed class OursStateBenchGrain([PersistentState("state")] IPersistentState<StateBenchState> state) : Grain, IStateBenchGrain
{
    /// <inheritdoc />
    public async Task WriteAsync(int times)
    {
        for (var i = 0; i < times; i++)
        {
            state.State.Payload[0]++;
            await state.WriteStateAsync();
        }
    }
}
