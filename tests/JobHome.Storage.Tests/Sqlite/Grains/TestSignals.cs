using System.Collections.Concurrent;

namespace JobHome.Storage.Tests.Sqlite.Grains;

/// <summary>Lets in-process silos tell the test that something happened (no polling, no sleeps).</summary>
public static class TestSignals
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Reminders = new();
    private static readonly ConcurrentDictionary<string, StreamProbe> Streams = new();

    /// <summary>Completes when a reminder of the probe grain <paramref name="key"/> ticks after this call.</summary>
    public static Task WaitForReminderAsync(string key) =>
        Reminders.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    internal static void ReminderTicked(string key)
    {
        if (Reminders.TryGetValue(key, out var tick))
        {
            tick.TrySetResult();
        }
    }

    /// <summary>The probe of the consumer of stream <paramref name="key"/>.</summary>
    public static StreamProbe Stream(string key) => Streams.GetOrAdd(key, _ => new StreamProbe());
}
