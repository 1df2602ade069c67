using JobHome.Matching.Congestion;

namespace JobHome.Grains.Matching;

/// <summary>
/// A partition's post prices, recomputed off the request path: a query that finds them older than the interval starts one
/// computation on the thread pool (at most one at a time per partition, and at most <paramref name="slots"/>' count at a
/// time in the silo: a province's partitions all due in the same minute queue for the slots instead of taking every core
/// from the requests) and goes on with the prices it has; the next query adopts the result. Failures keep the old prices
/// and are retried after the interval.
/// </summary>
/// <param name="slots">The silo's pricing slots (<see cref="ModelCatalog"/>), shared by its partitions.</param>
internal sealed class AwarePricing(SemaphoreSlim slots)
{
    private PostPrices? _latest;
    private long _produced;
    private long _adopted;
    private int _running;
    private DateTimeOffset? _startedAt;

    /// <summary>The prices the partition uses (null until the first computation finished).</summary>
    public PostPrices? Prices { get; private set; }

    /// <summary>The last computation's failure, if it failed.</summary>
    public Exception? LastError { get; private set; }

    /// <summary>Takes a finished computation's result; true when the prices changed.</summary>
    public bool Adopt()
    {
        var produced = Interlocked.Read(ref _produced);
        if (produced == _adopted)
        {
            return false;
        }
        _adopted = produced;
        Prices = Volatile.Read(ref _latest);
        return true;
    }

    /// <summary>True when a computation would start now: none runs and the last started at least <paramref name="interval"/> ago.</summary>
    public bool IsDue(DateTimeOffset now, TimeSpan interval) =>
        !(_startedAt is { } started && now - started < interval) && Volatile.Read(ref _running) == 0;

    /// <summary>
    /// Starts <paramref name="compute"/> on the thread pool unless one runs or the last started less than
    /// <paramref name="interval"/> ago.
    /// </summary>
    public void RefreshIfStale(DateTimeOffset now, TimeSpan interval, Func<PostPrices> compute, Action<PostPrices>? done)
    {
        if ((_startedAt is { } started && now - started < interval) || Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            return;
        }
        _startedAt = now;
        _ = Task.Run(async () =>
        {
            var slot = false;
            PostPrices? prices = null;
            try
            {
                await slots.WaitAsync().ConfigureAwait(false);
                slot = true;
                prices = compute();
                Volatile.Write(ref _latest, prices);
                LastError = null;
                Interlocked.Increment(ref _produced);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LastError = ex;
            }
            finally
            {
                if (slot)
                {
                    slots.Release();
                }
                Volatile.Write(ref _running, 0);
            }
            // Told once this computation no longer runs: a query the listener makes may start the next one. A listener's
            // failure is not the computation's (its prices stand).
            if (prices is not null && done is not null)
            {
                try
                {
                    done(prices);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                }
            }
        });
    }
}
