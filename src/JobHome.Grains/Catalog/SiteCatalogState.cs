namespace JobHome.Grains.Catalog;

/// <summary>Stored state of one catalogue shard (version 1): its entries by site code.</summary>
[GenerateSerializer, Alias("jobhome.site-catalog-state.v1")]
public sealed class SiteCatalogState
{
    /// <summary>Site code → entry.</summary>
    [Id(0)]
    public Dictionary<string, SiteCatalogEntry> Sites { get; set; } = new(StringComparer.Ordinal);
}
