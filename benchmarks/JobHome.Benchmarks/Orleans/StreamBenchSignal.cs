namespace JobHome.Benchmarks.Orleans;

/// <summary>Tells the benchmark when the consumers have applied the events it waits for.</summary>
internal static class StreamBenchSignal
{
    private static long _applied;
    private static long _target = long.MaxValue;
    private static TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Resets the count and returns a task that completes when <paramref name="target"/> events were applied.</summary>
    public static Task Expect(long target)
    {
        Interlocked.Exchange(ref _applied, 0);
        _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _target, target);
        return _reached.Task;
    }

    /// <summary>Records applied events.</summary>
    public static void Applied(int count)
    {
        if (Interlocked.Add(ref _applied, count) >= Volatile.Read(ref _target))
        {
            _reached.TrySetResult();
        }
    }
}
