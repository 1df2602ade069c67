namespace JobHome.Grains.Tests.Diagnostics;

/// <summary>A test grain whose <see cref="IBarrierGrain.WaitAsync"/> holds its call until the test opens the barrier.</summary>
public interface IBarrierGrain : IGrainWithStringKey
{
    /// <summary>Signals <see cref="CallBarrier.Entered"/> and completes when <see cref="CallBarrier.Open"/> is called.</summary>
    Task WaitAsync();

    /// <summary>Completes at once.</summary>
    Task PingAsync();

    /// <summary>Calls <see cref="WaitAsync"/> on the grain <paramref name="key"/> (a call made from inside the silo).</summary>
    Task RelayAsync(string key);

    /// <summary>Throws <see cref="InvalidOperationException"/> at once (before returning a task).</summary>
    Task FailAsync();
}

/// <summary>The barrier the test and <see cref="BarrierGrain"/> share (a silo singleton).</summary>
public sealed class CallBarrier
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a call reached the barrier.</summary>
    public Task Entered => _entered.Task;

    /// <summary>Lets the waiting call finish.</summary>
    public void Open() => _open.TrySetResult();

    /// <summary>Waits at the barrier.</summary>
    public Task WaitAsync()
    {
        _entered.TrySetResult();
        return _open.Task;
    }
}

/// <summary>Implements <see cref="IBarrierGrain"/>.</summary>
public sealed class BarrierGrain(CallBarrier barrier) : Grain, IBarrierGrain
{
    /// <inheritdoc />
    public Task WaitAsync() => barrier.WaitAsync();

    /// <inheritdoc />
    public Task PingAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task RelayAsync(string key) => GrainFactory.GetGrain<IBarrierGrain>(key).WaitAsync();

    /// <inheritdoc />
    public Task FailAsync() => throw new InvalidOperationException("failing by design");
}
