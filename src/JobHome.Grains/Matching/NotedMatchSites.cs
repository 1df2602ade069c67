using System.Collections.Concurrent;

namespace JobHome.Grains.Matching;

/// <summary>
/// The (partition, site) pairs this silo has seen a partition store (<see cref="IMatchPartitionGrain.NoteSiteAsync"/>).
/// A partition never forgets a noted site (it is durable state, read by every rebuild), so a record publishing into a
/// cell asks the partition once per site and silo instead of on every change.
/// </summary>
public sealed class NotedMatchSites
{
    private readonly ConcurrentDictionary<(string Partition, string Site), bool> _noted = new();

    /// <summary>Makes sure partition <paramref name="partitionKey"/> has stored site <paramref name="siteCode"/>.</summary>
    public async Task NoteAsync(IGrainFactory grains, string partitionKey, string siteCode)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentException.ThrowIfNullOrEmpty(partitionKey);
        ArgumentException.ThrowIfNullOrEmpty(siteCode);
        if (_noted.ContainsKey((partitionKey, siteCode)))
        {
            return;
        }
        await grains.Reference<IMatchPartitionGrain>(partitionKey).NoteSiteAsync(siteCode);
        _noted.TryAdd((partitionKey, siteCode), true);
    }
}
