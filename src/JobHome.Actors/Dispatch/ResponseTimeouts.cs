namespace JobHome.Actors.Dispatch;

/// <summary>
/// Response timeouts of queued or still-running calls without a timer per call: every timeout has the same length,
/// so deadlines are ordered by registration and the pending calls form a FIFO list (intrusive, no node allocation).
/// A sweeper on the runtime's clock, every quarter of the timeout, fails the expired head of the list; a call
/// therefore fails between 1 and 1.25 timeouts after it was sent.
/// </summary>
internal sealed class ResponseTimeouts : IDisposable
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly long _timeoutTicks;
    private readonly ITimer? _sweeper;
    private GrainRequestBase? _head;
    private GrainRequestBase? _tail;

    public ResponseTimeouts(TimeProvider time, TimeSpan timeout)
    {
        _time = time;
        Timeout = timeout;
        if (timeout == System.Threading.Timeout.InfiniteTimeSpan)
        {
            return;
        }

        _timeoutTicks = (long)(timeout.TotalSeconds * time.TimestampFrequency);
        var period = TimeSpan.FromTicks(Math.Max(timeout.Ticks / 4, TimeSpan.FromMilliseconds(1).Ticks));
        _sweeper = time.CreateTimer(static s => ((ResponseTimeouts)s!).Sweep(), this, period, period);
    }

    public TimeSpan Timeout { get; }

    public void Add(GrainRequestBase request)
    {
        if (_sweeper is null)
        {
            return;
        }

        request.Deadline = _time.GetTimestamp() + _timeoutTicks;
        lock (_lock)
        {
            request.TimeoutPrevious = _tail;
            request.TimeoutNext = null;
            if (_tail is null)
            {
                _head = request;
            }
            else
            {
                _tail.TimeoutNext = request;
            }

            _tail = request;
            request.TimeoutListed = true;
        }
    }

    public void Remove(GrainRequestBase request)
    {
        if (!request.TimeoutListed)
        {
            return;
        }

        lock (_lock)
        {
            Unlink(request);
        }
    }

    public void Dispose() => _sweeper?.Dispose();

    private void Sweep()
    {
        var now = _time.GetTimestamp();
        List<GrainRequestBase>? expired = null;
        lock (_lock)
        {
            while (_head is { } head && head.Deadline <= now)
            {
                Unlink(head);
                (expired ??= []).Add(head);
            }
        }

        if (expired is null)
        {
            return;
        }

        foreach (var request in expired)
        {
            request.FailPromise(new TimeoutException(
                $"No response from {request.InterfaceName}.{request.MethodName} on {request.Target?.ToString() ?? "?"} within {Timeout}."));
        }
    }

    private void Unlink(GrainRequestBase request)
    {
        if (!request.TimeoutListed)
        {
            return;
        }

        if (request.TimeoutPrevious is null)
        {
            _head = request.TimeoutNext;
        }
        else
        {
            request.TimeoutPrevious.TimeoutNext = request.TimeoutNext;
        }

        if (request.TimeoutNext is null)
        {
            _tail = request.TimeoutPrevious;
        }
        else
        {
            request.TimeoutNext.TimeoutPrevious = request.TimeoutPrevious;
        }

        request.TimeoutPrevious = null;
        request.TimeoutNext = null;
        request.TimeoutListed = false;
    }
}
