using System.Collections.Concurrent;

namespace JobHome.Grains.Matching;

/// <summary>
/// The silo's bound on the background refreshes of stored post lists each match partition serves at once
/// (<see cref="MatchingOptions.RefreshPermitsPerPartition"/>): one instance per silo, with a set of permits per partition
/// key. A seeker's refresh after a stale notice or its own timer asks a partition only if one of that partition's permits is
/// free at that moment (it never waits for one) and gives it back when the call ends; otherwise it leaves that part as it
/// was (still stale) and retries on its timer (see docs/grains.md, Post lists: the partitions' backlog). Without it a busy
/// partition queued thousands of 1–2 ms refreshes and the change path's calls waited behind them. Reads and a new seeker's
/// first list never take a permit: they are always exact and never deferred.
/// </summary>
public sealed class PartitionRefreshPermits
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _permits = new(StringComparer.Ordinal);
    private long _granted;
    private long _deferred;

    /// <summary>The most permits <see cref="MatchingOptions.RefreshPermitsPerPartition"/> may set.</summary>
    public const int MaxPerPartition = 1_024;

    /// <summary>Permits of <paramref name="perPartition"/> background refreshes in flight per partition (1 – 1,024).</summary>
    public PartitionRefreshPermits(int perPartition)
    {
        if (perPartition is < 1 or > MaxPerPartition)
        {
            throw new ArgumentOutOfRangeException(nameof(perPartition), perPartition,
                $"MatchingOptions.RefreshPermitsPerPartition (每分区后台刷新并发数) = {perPartition}: must be a whole number "
                + $"from 1 to {MaxPerPartition}.");
        }
        PerPartition = perPartition;
    }

    /// <summary>Background refreshes one partition serves at once on this silo.</summary>
    public int PerPartition { get; }

    /// <summary>Permits taken since the silo started.</summary>
    public long Granted => Interlocked.Read(ref _granted);

    /// <summary>Partition refreshes deferred since the silo started because the partition had no free permit.</summary>
    public long Deferred => Interlocked.Read(ref _deferred);

    /// <summary>
    /// Takes one of <paramref name="partition"/>'s permits if one is free now (never waits); false, counted as a deferral,
    /// if all are taken. A true answer must be followed by exactly one <see cref="Release"/> of the same key.
    /// </summary>
    public bool TryEnter(string partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        var permits = _permits.GetOrAdd(partition, static (_, n) => new SemaphoreSlim(n, n), PerPartition);
        if (permits.Wait(0))
        {
            Interlocked.Increment(ref _granted);
            return true;
        }
        Interlocked.Increment(ref _deferred);
        return false;
    }

    /// <summary>Gives back a permit of <paramref name="partition"/> taken by <see cref="TryEnter"/>.</summary>
    public void Release(string partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        if (!_permits.TryGetValue(partition, out var permits))
        {
            throw new InvalidOperationException($"no permit of partition {partition} was taken");
        }
        permits.Release();
    }

    /// <summary>Permits of <paramref name="partition"/> free now.</summary>
    public int Free(string partition) =>
        _permits.TryGetValue(partition ?? throw new ArgumentNullException(nameof(partition)), out var permits)
            ? permits.CurrentCount
            : PerPartition;
}
