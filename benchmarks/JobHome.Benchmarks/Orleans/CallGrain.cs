using Orleans.Placement;

namespace JobHome.Benchmarks.Orleans;

/// <summary>Benchmark grain; activated on the silo of its first caller so tests control placement.</summary>
[PreferLocalPlacement]
public sealed class CallGrain : Grain, ICallGrain
{
    /// <inheritdoc />
    public Task PingAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task<int> QueryAsync(CallQuery query) => Task.FromResult(query.Top);

    /// <inheritdoc />
    public Task<int> QueryImmutableAsync(ImmutableCallQuery query) => Task.FromResult(query.Top);

    /// <inheritdoc />
    public Task CallOtherAsync(string otherKey) => GrainFactory.GetGrain<ICallGrain>(otherKey).PingAsync();

    /// <inheritdoc />
    public Task<string> GetSiloAsync() => Task.FromResult(RuntimeIdentity);
}
