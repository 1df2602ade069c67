using JobHome.Grains.Sites;

namespace JobHome.Grains.Catalog;

/// <summary>
/// The site catalogue across its shards: which shard holds a code, how matches rank, and the fan-out queries.
/// Shards are chosen by a stable hash of the code, not by its prefix: real codes share long prefixes (every Jiangxi code
/// starts with 36), so prefix shards would put a province in one shard.
/// </summary>
public static class SiteCatalog
{
    /// <summary>Number of shards: about 300 sites each for a 20,000-site province, so a shard write stays small.</summary>
    public const int ShardCount = 64;

    /// <summary>The shard holding <paramref name="code"/> (FNV-1a over its UTF-16 units; stable across processes).</summary>
    public static int ShardOf(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var hash = 2166136261u;
        foreach (var c in code)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }
        return (int)(hash % ShardCount);
    }

    /// <summary>
    /// How well <paramref name="entry"/> matches <paramref name="query"/> (trimmed, not empty): 0 exact code, 1 code prefix,
    /// 2 name fragment, −1 no match; all comparisons ignore case.
    /// </summary>
    public static int Rank(SiteCatalogEntry entry, string query)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (string.Equals(entry.Code, query, StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }
        if (entry.Code.StartsWith(query, StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }
        return entry.Name.Contains(query, StringComparison.OrdinalIgnoreCase) ? 2 : -1;
    }

    /// <summary>The best <paramref name="limit"/> matches over every shard: exact code first, then code prefixes, then names.</summary>
    public static async Task<SiteCatalogEntry[]> SearchAsync(IGrainFactory grains, string query, int limit)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var q = query.Trim();
        var parts = await Task.WhenAll(Enumerable.Range(0, ShardCount)
            .Select(shard => grains.GetGrain<ISiteCatalogGrain>(shard).SearchAsync(q, limit)));
        return [.. parts.SelectMany(part => part)
            .OrderBy(entry => Rank(entry, q))
            .ThenBy(entry => entry.Code, StringComparer.Ordinal)
            .Take(limit)];
    }

    /// <summary><paramref name="root"/> and every site below it, over every shard, in code order.</summary>
    public static async Task<SiteCatalogEntry[]> SubtreeAsync(IGrainFactory grains, string root)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var parts = await Task.WhenAll(Enumerable.Range(0, ShardCount)
            .Select(shard => grains.GetGrain<ISiteCatalogGrain>(shard).SubtreeAsync(root)));
        return [.. parts.SelectMany(part => part).OrderBy(entry => entry.Code, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Writes the catalogue entry of a registered site: its ancestors are read from the site grains upward (at most a
    /// handful of calls; only registrations and corrections pay for it).
    /// </summary>
    public static async Task PutAsync(IGrainFactory grains, SiteProfile profile)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(profile);
        var ancestors = new List<string>();
        var next = profile.ParentCode;
        // The tier tree is at most province → city → county → township → village deep; the bound guards a corrupt loop.
        while (next is not null && ancestors.Count < 16 && !ancestors.Contains(next))
        {
            ancestors.Add(next);
            next = (await grains.GetGrain<ISiteGrain>(next).GetAsync())?.Profile.ParentCode;
        }
        ancestors.Reverse();
        var entry = new SiteCatalogEntry(profile.Code, profile.Name, profile.Kind, profile.ParentCode, profile.Lat, profile.Lon,
            [.. ancestors]);
        await grains.GetGrain<ISiteCatalogGrain>(ShardOf(profile.Code)).PutAsync(entry);
    }

    /// <summary>True when two entries carry the same values (records compare arrays by reference).</summary>
    internal static bool SameEntry(SiteCatalogEntry a, SiteCatalogEntry b) =>
        string.Equals(a.Code, b.Code, StringComparison.Ordinal) && string.Equals(a.Name, b.Name, StringComparison.Ordinal)
        && a.Kind == b.Kind && string.Equals(a.ParentCode, b.ParentCode, StringComparison.Ordinal) && a.Lat.Equals(b.Lat)
        && a.Lon.Equals(b.Lon) && a.Ancestors.SequenceEqual(b.Ancestors, StringComparer.Ordinal);
}
