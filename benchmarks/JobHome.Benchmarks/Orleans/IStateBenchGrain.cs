using Orleans;

namespace JobHome.Benchmarks.Orleans;

/// <summary>Writes its persisted state a number of times, back to back.</summary>
[Alias("jobhome.bench.state")]
public interface IStateBenchGrain : IGrainWithStringKey
{
    /// <summary>Writes the state <paramref name="times"/> times.</summary>
    [Alias("write")]
    Task WriteAsync(int times);
}
