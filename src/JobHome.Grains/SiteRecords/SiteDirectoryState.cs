namespace JobHome.Grains.SiteRecords;

/// <summary>Stored state of <see cref="SiteDirectoryGrain"/>: plain members only (see docs/grains.md on the storage serializer).</summary>
[GenerateSerializer, Alias("jobhome.site-directory-state.v1")]
public sealed class SiteDirectoryState
{
    /// <summary>Seeker id → name.</summary>
    [Id(0)]
    public Dictionary<string, string> Seekers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Household ids (value unused).</summary>
    [Id(1)]
    public Dictionary<string, bool> Households { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Post ids (value unused).</summary>
    [Id(2)]
    public Dictionary<string, bool> Posts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// True once the cell listings (each seeker and post entry's match cell, <see cref="SiteDirectoryGrain"/>) list every
    /// seeker and post of this site stored active in a match cell (a match partition's rebuild read the whole site and
    /// adopted what it found; records list themselves before every write that stores them active in a cell they are not
    /// listed in). False on data written before the listings, after a bulk import into the site and after an entry added
    /// without a cell (these write records or entries that do not list themselves): a rebuild then reads the whole site.
    /// </summary>
    [Id(3)]
    public bool CellsListed { get; set; }

    /// <summary>
    /// Times the listings became incomplete (a bulk import, an entry without a cell): an adoption read before the last one
    /// is refused.
    /// </summary>
    [Id(4)]
    public int BulkEpoch { get; set; }
}
