namespace JobHome.Grains.Matching;

/// <summary>
/// The silo-wide bound on the storage reads of rebuilding match partitions (<see cref="MatchingOptions.RebuildReadsInFlight"/>):
/// one instance per silo, shared by every partition's rebuild, so a restart that makes all partitions rebuild at once
/// puts at most <see cref="Limit"/> reads on the store together instead of 16 per partition. A read waits for a permit;
/// a rebuild step waiting here is an interleaving timer tick, so its partition keeps answering queries meanwhile.
/// Recounts do not use it (their reads run inside grain calls under the response timeout; see docs/grains.md).
/// </summary>
public sealed class RebuildReadLimiter : IDisposable
{
    private readonly SemaphoreSlim _permits;
    private int _inFlight;
    private int _peak;
    private long _reads;

    /// <summary>A limiter of <paramref name="limit"/> reads in flight at once (at least 1).</summary>
    public RebuildReadLimiter(int limit)
    {
        if (limit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit,
                "MatchingOptions.RebuildReadsInFlight (重建并发读取数) must be at least 1.");
        }
        Limit = limit;
        _permits = new SemaphoreSlim(limit, limit);
    }

    /// <summary>Reads allowed in flight at once on this silo.</summary>
    public int Limit { get; }

    /// <summary>Reads in flight now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The most reads ever in flight at once on this silo (never above <see cref="Limit"/>).</summary>
    public int PeakInFlight => Volatile.Read(ref _peak);

    /// <summary>Reads done (or failed) through this limiter.</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>Runs <paramref name="read"/> once a permit is free; the permit is held until it completes or fails.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        await _permits.WaitAsync(cancellationToken).ConfigureAwait(false);
        var now = Interlocked.Increment(ref _inFlight);
        int peak;
        while (now > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
        {
        }
        try
        {
            return await read().ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            Interlocked.Increment(ref _reads);
            _permits.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _permits.Dispose();
}
