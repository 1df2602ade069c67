namespace JobHome.Storage.Tests.Sqlite.Grains;

/// <summary>What a test consumer reports: applied count (completes a waiter at a target), duplicates skipped, poison attempts.</summary>
public sealed class StreamProbe
{
    private readonly Lock _lock = new();
    private long _target = long.MaxValue;
    private TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _poisonAttempts;
    private int _duplicates;
    private long _holdAt = -1;
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

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

    /// <summary>
    /// Makes the consumer wait inside the delivery of event <paramref name="eventId"/> until <see cref="Release"/>;
    /// the returned task completes once it is waiting there (so the test can queue messages behind a busy consumer).
    /// </summary>
    public Task HoldAt(long eventId)
    {
        Volatile.Write(ref _holdAt, eventId);
        return _entered.Task;
    }

    /// <summary>Lets a held consumer go on.</summary>
    public void Release() => _released.TrySetResult();

    internal Task WaitIfHeldAsync(long eventId)
    {
        if (Volatile.Read(ref _holdAt) != eventId)
        {
            return Task.CompletedTask;
        }

        _entered.TrySetResult();
        return _released.Task;
    }

    internal void Duplicate() => Interlocked.Increment(ref _duplicates);

    internal void Poisoned() => Interlocked.Increment(ref _poisonAttempts);
}
