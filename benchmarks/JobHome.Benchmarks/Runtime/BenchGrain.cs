using JobHome.Actors;
using JobHome.Actors.Storage;

namespace JobHome.Benchmarks.Runtime;

public sealed class BenchGrain([PersistentState("bench")] IPersistentState<BenchState> state) : Grain, IBenchGrain
{
    private int _calls;

    public Task PingAsync() => Task.CompletedTask;

    public Task<int> QueryAsync(PlacementQuery query) => Task.FromResult(query.Top + ++_calls);

    public async Task<int> YieldingAsync()
    {
        await Task.Yield();
        return ++_calls;
    }

    public Task<int> CallOtherAsync(string otherKey) => GrainFactory.GetGrain<IBenchGrain>(otherKey).QueryAsync(new PlacementQuery("s", "p", 1));

    public Task WriteAsync(int value)
    {
        state.State.Value = value;
        return state.WriteStateAsync();
    }
}
