using System.Collections.Concurrent;
using Orleans.Storage;

namespace JobHome.Benchmarks.GrainsThroughput;

/// <summary>
/// For <c>time-changes count</c>: the silo's grain storage with every write and clear counted by grain type and state name
/// (reads pass through uncounted).
/// </summary>
internal sealed class CountingGrainStorage(IGrainStorage inner) : IGrainStorage
{
    /// <summary>Writes and clears so far, by "grain type/state name" (a sharded state's shards together: "name-*").</summary>
    public static ConcurrentDictionary<string, long> Writes { get; } = new(StringComparer.Ordinal);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Count(stateName, grainId);
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Count(stateName, grainId);
        return inner.ClearStateAsync(stateName, grainId, grainState);
    }

    private static void Count(string stateName, GrainId grainId)
    {
        var dash = stateName.LastIndexOf('-');
        var shard = dash > 0 && dash < stateName.Length - 1 && !stateName.AsSpan(dash + 1).ContainsAnyExceptInRange('0', '9');
        var shared = shard ? string.Concat(stateName.AsSpan(0, dash), "-*") : stateName;
        Writes.AddOrUpdate($"{grainId.Type}/{shared}", 1, static (_, n) => n + 1);
    }
}
