using JobHome.Domain.Sites;

namespace JobHome.Grains.Catalog;

/// <summary>
/// One site in the network-wide catalogue: what search, breadcrumbs and maps need, with the codes of its ancestors
/// (root first) so a subtree is found without walking the tree.
/// </summary>
[GenerateSerializer, Immutable, Alias("jobhome.site-catalog-entry")]
public sealed record SiteCatalogEntry(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] SiteKind Kind,
    [property: Id(3)] string? ParentCode,
    [property: Id(4)] double Lat,
    [property: Id(5)] double Lon,
    [property: Id(6)] string[] Ancestors)
{
    /// <summary>True when the entry is <paramref name="root"/> or lies below it.</summary>
    public bool IsIn(string root) =>
        string.Equals(Code, root, StringComparison.Ordinal) || Array.IndexOf(Ancestors, root) >= 0;
}
