using System.Collections.Concurrent;
using Orleans.Storage;

namespace JobHome.Grains.Tests.Sharding;

/// <summary>
/// A grain storage that passes every call to another and notes each read by state name and grain; it can also refuse the
/// next write of a chosen state (a failed write, in process).
/// </summary>
public sealed class CountingGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private readonly ConcurrentQueue<(string StateName, GrainId GrainId)> _reads = new();
    private readonly ConcurrentQueue<(string StateName, GrainId GrainId)> _writes = new();
    private readonly ConcurrentDictionary<(string StateName, GrainId GrainId), bool> _failNextWrite = new();

    /// <summary>Makes the next write of <paramref name="stateName"/> for <paramref name="grainId"/> throw without storing.</summary>
    public void FailNextWrite(string stateName, GrainId grainId) => _failNextWrite[(stateName, grainId)] = true;

    /// <summary>The state names read for <paramref name="grainId"/>, in order.</summary>
    public IReadOnlyList<string> ReadsOf(GrainId grainId) => [.. _reads.Where(r => r.GrainId == grainId).Select(r => r.StateName)];

    /// <summary>The state names written (stored) for <paramref name="grainId"/>, in order.</summary>
    public IReadOnlyList<string> WritesOf(GrainId grainId) => [.. _writes.Where(w => w.GrainId == grainId).Select(w => w.StateName)];

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _reads.Enqueue((stateName, grainId));
        return inner.ReadStateAsync(stateName, grainId, grainState);
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_failNextWrite.TryRemove((stateName, grainId), out _))
        {
            return Task.FromException(new InvalidOperationException($"Injected write failure of '{stateName}'."));
        }
        _writes.Enqueue((stateName, grainId));
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
