using Orleans;
using Orleans.Runtime;

namespace JobHome.Benchmarks.Orleans;

/// <summary>State in Orleans' own ADO.NET grain storage on SQLite.</summary>
public sealed class OrleansAdoNetStateBenchGrain(
    [PersistentState("state", SiloStateBenchmarks.OrleansAdoNetStorage)] IPersistentState<StateBenchState> state) : Grain, IStateBenchGrain
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
