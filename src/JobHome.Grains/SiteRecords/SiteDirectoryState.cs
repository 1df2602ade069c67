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
    /// True once a match partition was noted for a record of this site (<c>directory-cells-N</c> may hold entries); until
    /// then a per-partition listing reads no note shard and returns every seeker and post as unnoted.
    /// </summary>
    [Id(3)]
    public bool PartitionsNoted { get; set; }
}
