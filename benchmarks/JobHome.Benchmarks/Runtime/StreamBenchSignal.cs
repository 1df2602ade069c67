namespace JobHome.Benchmarks.Runtime;

/// <summary>Completes when the expected number of events has been consumed.</summary>
public sealed class StreamBenchSignal
{
    private long _remaining;
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Expect(long count)
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _remaining, count);
        return _done.Task;
    }

    public void Delivered()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.TrySetResult();
        }
    }
}
