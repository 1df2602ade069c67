namespace JobHome.Grains.Sites;

/// <summary>A registered site with the codes of its children.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.site-view")]
public sealed record SiteView(
    [property: Id(0)] SiteProfile Profile,
    [property: Id(1)] string[] Children);
