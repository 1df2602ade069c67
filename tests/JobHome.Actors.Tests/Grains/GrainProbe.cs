using System.Collections.Concurrent;

namespace JobHome.Actors.Tests.Grains;

/// <summary>Shared test singleton: grains record what happened, tests await named signals (barriers, never sleeps).</summary>
public sealed class GrainProbe
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(20);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counters = new(StringComparer.Ordinal);

    /// <summary>Enter/exit records of turns.</summary>
    public ConcurrentQueue<string> TurnLog { get; } = new();

    /// <summary>Free-form events in arrival order.</summary>
    public ConcurrentQueue<string> Events { get; } = new();

    /// <summary>Completes the named signal.</summary>
    public void Set(string name) => Get(name).TrySetResult();

    /// <summary>Waits for the named signal (with a guard so that a broken guarantee fails instead of hanging).</summary>
    public Task WaitAsync(string name) => Get(name).Task.WaitAsync(HangGuard);

    /// <summary>True once the named signal is set.</summary>
    public bool IsSet(string name) => Get(name).Task.IsCompleted;

    /// <summary>Increments a counter and returns the new value.</summary>
    public int Increment(string name) => _counters.AddOrUpdate(name, 1, static (_, v) => v + 1);

    /// <summary>Decrements a counter and returns the new value.</summary>
    public int Decrement(string name) => _counters.AddOrUpdate(name, -1, static (_, v) => v - 1);

    /// <summary>Reads a counter.</summary>
    public int Count(string name) => _counters.GetValueOrDefault(name);

    /// <summary>Raises a counter to at least <paramref name="value"/>.</summary>
    public void Max(string name, int value) => _counters.AddOrUpdate(name, value, (_, v) => Math.Max(v, value));

    private TaskCompletionSource Get(string name) =>
        _signals.GetOrAdd(name, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
