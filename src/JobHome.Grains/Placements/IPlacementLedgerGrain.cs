using Orleans.Concurrency;

namespace JobHome.Grains.Placements;

/// <summary>
/// One of <see cref="PlacementLedger.ShardCount"/> durable lists of unfinished placements and ends (key: the shard
/// number, <see cref="PlacementLedger.ShardOf"/>). A placement is added before its intent is stored and marked done
/// after its outcome is stored; the shard's one reminder sweeps what is still listed, so a placement cut off by a crash
/// finishes with nobody retrying it. Replaces a reminder per placement (two reminder-table writes and two reminder-service
/// calls per placement and per end).
/// </summary>
[Alias("jobhome.IPlacementLedgerGrain")]
public interface IPlacementLedgerGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Lists <paramref name="placementId"/>'s placing (<paramref name="end"/> false) or ending as unfinished; returns once
    /// stored (adds arriving together share one write, which also stores the done marks received since the last write).
    /// </summary>
    [Alias("Add")]
    Task AddAsync(string placementId, bool end);

    /// <summary>
    /// Marks <paramref name="placementId"/>'s placing or ending done: removed from memory at once, from storage with the
    /// shard's next write (a crash before it leaves an entry the sweep finds finished and drops).
    /// </summary>
    [OneWay, Alias("Done")]
    Task DoneAsync(string placementId, bool end);

    /// <summary>The entries listed now (<c>p:id</c> for a placing, <c>e:id</c> for an ending), sorted; for tests and operators.</summary>
    [ReadOnly, Alias("GetUnfinished")]
    Task<string[]> GetUnfinishedAsync();

    /// <summary>
    /// Asks every listed placement to finish (<see cref="IPlacementGrain.FinishPendingAsync"/>) and drops those that did;
    /// what the reminder runs. Returns how many entries are left.
    /// </summary>
    [Alias("Sweep")]
    Task<int> SweepAsync();
}
