namespace JobHome.Grains.Sites;

/// <summary>Stored state of a site (version 1): its profile and children.</summary>
[GenerateSerializer, Alias("jobhome.site-state.v1")]
public sealed class SiteState
{
    /// <summary>The profile, null until registered.</summary>
    [Id(0)]
    public SiteProfile? Profile { get; set; }

    /// <summary>Codes of the child sites, ordinal order.</summary>
    [Id(1)]
    public List<string> Children { get; set; } = [];

    /// <summary>True once the current profile is in the site catalogue (false for sites stored before it existed).</summary>
    [Id(2)]
    public bool Catalogued { get; set; }
}
