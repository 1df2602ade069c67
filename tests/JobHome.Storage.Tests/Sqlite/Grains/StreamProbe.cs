namespace JobHome.Storage.Tests.Sqlite.Grains;

/// <summary>What a test consumer reports: applied count (completes a waiter at a target), duplicates skipped, poison attempts.</summary>
public sealed class StreamProbe
{
    private readonly Lock _lock = new();
    private long _target = long.MaxValue;
    private TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _poisonAttempts;
    private int _duplicates;

    public int PoisonAttempts => Volatile.Read(ref _poisonAttempts);

    public int Duplicates => Volatile.Read(ref _duplicates);

    /// <summary>Completes once the consumer's durable count reaches <paramref name="count"/>.</summary>
    public Task WaitForCountAsync(long count)
    {
        lock (_lock)
        {
            _target = count;
            _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _reached.Task;
        }
    }

    internal void Applied(long count)
    {
        lock (_lock)
        {
            if (count >= _target)
            {
                _reached.TrySetResult();
            }
        }
    }

    internal void Duplicate() => Interlocked.Increment(ref _duplicates);

    internal void Poisoned() => Interlocked.Increment(ref _poisonAttempts);
}
