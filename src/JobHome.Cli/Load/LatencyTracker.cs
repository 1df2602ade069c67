using System.Diagnostics;

namespace JobHome.Cli.Load;

/// <summary>
/// Village → province latency: each acknowledged placement sets a target, the province's cumulative <c>placements</c>
/// at the baseline plus the number of placements acknowledged so far; when the live feed first shows a value at or above
/// a target, that placement's latency is the time since its acknowledgement. A placement the feed already showed when its
/// acknowledgement arrived (the province was faster than the answer's way back to this process) counts 0. Thread-safe.
/// </summary>
internal sealed class LatencyTracker(long baseline)
{
    private readonly Lock _lock = new();
    private readonly Queue<(long Target, long AckTimestamp)> _pending = new();
    private readonly List<double> _millis = [];
    private long _acknowledged;
    private long _shown = long.MinValue;

    /// <summary>Placements acknowledged (201) so far.</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Placements still waiting to be seen at the province.</summary>
    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Records an acknowledged placement now.</summary>
    public void Acknowledge()
    {
        lock (_lock)
        {
            _acknowledged++;
            if (baseline + _acknowledged <= _shown)
            {
                // Shown before it was acknowledged: no later message need come for it (it may be the run's last).
                _millis.Add(0);
                return;
            }
            _pending.Enqueue((baseline + _acknowledged, Stopwatch.GetTimestamp()));
        }
    }

    /// <summary>The province feed showed <paramref name="placements"/> now.</summary>
    public void Observe(long placements)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            _shown = Math.Max(_shown, placements);
            while (_pending.Count > 0 && _pending.Peek().Target <= placements)
            {
                _millis.Add(Stopwatch.GetElapsedTime(_pending.Dequeue().AckTimestamp, now).TotalMilliseconds);
            }
        }
    }

    /// <summary>Latencies measured so far, in milliseconds, sorted.</summary>
    public double[] Sorted()
    {
        lock (_lock)
        {
            var copy = _millis.ToArray();
            Array.Sort(copy);
            return copy;
        }
    }

    /// <summary>The <paramref name="q"/>-quantile (nearest rank) of <paramref name="sorted"/>, or null when empty.</summary>
    public static double? Quantile(double[] sorted, double q) =>
        sorted.Length == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}
