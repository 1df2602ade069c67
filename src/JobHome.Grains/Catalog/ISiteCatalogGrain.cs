using Orleans.Concurrency;

namespace JobHome.Grains.Catalog;

/// <summary>
/// One shard of the site catalogue (keyed by shard number, <see cref="SiteCatalog.ShardOf"/>): derived data written by
/// the site grain on every registration or correction, rebuilt by touching the sites (see docs/api.md).
/// </summary>
[Alias("jobhome.ISiteCatalogGrain")]
public interface ISiteCatalogGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or replaces the entry of a site (idempotent; writes only when it changed).</summary>
    [Alias("Put")]
    Task PutAsync(SiteCatalogEntry entry);

    /// <summary>
    /// This shard's best <paramref name="limit"/> matches of <paramref name="query"/> (code prefix or name fragment, case
    /// insensitive), in <see cref="SiteCatalog.Rank"/> order.
    /// </summary>
    [ReadOnly, Alias("Search")]
    Task<SiteCatalogEntry[]> SearchAsync(string query, int limit);

    /// <summary>This shard's entries of <paramref name="root"/> and every site below it, in code order.</summary>
    [ReadOnly, Alias("Subtree")]
    Task<SiteCatalogEntry[]> SubtreeAsync(string root);

    /// <summary>The entry of <paramref name="code"/>, or null.</summary>
    [ReadOnly, Alias("Find")]
    Task<SiteCatalogEntry?> FindAsync(string code);
}
