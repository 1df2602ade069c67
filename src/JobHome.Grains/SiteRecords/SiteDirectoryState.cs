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
    /// True once the per-cell listings (<c>directory-cell-{cell}</c>) hold every seeker and post of this site stored in a
    /// match cell (a match partition's rebuild read the whole site and adopted what it found; records list themselves
    /// before every write that puts them in a cell). False on data written before the listings and after a bulk import
    /// into the site (which writes records without listing them): a rebuild then reads the whole site.
    /// </summary>
    [Id(3)]
    public bool CellsListed { get; set; }

    /// <summary>Bulk imports into this site so far: an adoption read before the last one is refused.</summary>
    [Id(4)]
    public int BulkEpoch { get; set; }
}
