namespace JobHome.Grains.Catalog;

/// <summary>Stored state of <see cref="SitePostsGrain"/> (version 1): plain members only.</summary>
[GenerateSerializer, Alias("jobhome.site-posts-state.v1")]
public sealed class SitePostsState
{
    /// <summary>Post ids (value unused).</summary>
    [Id(0)]
    public Dictionary<string, bool> Posts { get; set; } = new(StringComparer.Ordinal);
}
