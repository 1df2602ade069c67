using JobHome.Actors.Activation;
using JobHome.Actors.Diagnostics;
using JobHome.Actors.Dispatch;

namespace JobHome.Actors.Timers;

/// <summary>
/// A grain timer on the runtime's <see cref="TimeProvider"/>. Each tick is queued as a turn of the activation; the
/// next tick is armed only after the previous one finished, so ticks never overlap.
/// </summary>
internal sealed class GrainTimer : IGrainTimer
{
    private readonly ActivationData _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly TimeSpan _dueTime;
    private readonly TimeSpan _period;
    private readonly CancellationTokenSource _cancellation = new();
    private ITimer? _timer;
    private int _inFlight;
    private volatile bool _disposed;

    public GrainTimer(ActivationData activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        _activation = activation;
        _callback = callback;
        _dueTime = dueTime;
        _period = period;
    }

    public void Start() =>
        _timer = _activation.Runtime.Time.CreateTimer(static s => ((GrainTimer)s!).OnFire(), this, _dueTime, Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _timer?.Dispose();
        _cancellation.Cancel();
        _cancellation.Dispose();
        _activation.RemoveTimer(this);
    }

    private void OnFire()
    {
        if (_disposed || Interlocked.Exchange(ref _inFlight, 1) == 1)
        {
            return;
        }

        try
        {
            _activation.Enqueue(new TickRequest(this));
        }
#pragma warning disable CA1031 // Never let a timer thread die.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ActorsLog.TimerFailed(_activation.Runtime.Logger, ex, _activation.ToString());
            Interlocked.Exchange(ref _inFlight, 0);
        }
    }

    private async Task RunTickAsync()
    {
        try
        {
            if (!_disposed)
            {
                await _callback(_cancellation.Token).ConfigureAwait(true);
            }
        }
#pragma warning disable CA1031 // A failing tick is logged; the timer keeps going.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ActorsLog.TimerFailed(_activation.Runtime.Logger, ex, _activation.ToString());
        }
        finally
        {
            Interlocked.Exchange(ref _inFlight, 0);
            if (!_disposed && _period != Timeout.InfiniteTimeSpan)
            {
                try
                {
                    _timer?.Change(_period, Timeout.InfiniteTimeSpan);
                }
                catch (ObjectDisposedException)
                {
                    // Disposed concurrently: nothing more to arm.
                }
            }
        }
    }

    private sealed class TickRequest(GrainTimer timer) : GrainRequest
    {
        public override string InterfaceName => "JobHome.Actors.Timer";

        public override string MethodName => "Tick";

        internal override bool KeepsAlive => false;

        public override Task Invoke(object grain) => timer.RunTickAsync();
    }
}
