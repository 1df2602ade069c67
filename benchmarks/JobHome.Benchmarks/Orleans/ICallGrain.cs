namespace JobHome.Benchmarks.Orleans;

/// <summary>Benchmark grain: calls with no, copied and immutable arguments, and a call to another grain.</summary>
[Alias("jobhome.bench.ICallGrain")]
public interface ICallGrain : IGrainWithStringKey
{
    /// <summary>No arguments, no result.</summary>
    Task PingAsync();

    /// <summary>A small record argument, an int result.</summary>
    Task<int> QueryAsync(CallQuery query);

    /// <summary>An immutable record argument, an int result.</summary>
    Task<int> QueryImmutableAsync(ImmutableCallQuery query);

    /// <summary>Calls <see cref="PingAsync"/> on another grain and returns its silo.</summary>
    Task CallOtherAsync(string otherKey);

    /// <summary>The silo the grain is active on.</summary>
    Task<string> GetSiloAsync();
}
