using JobHome.Domain.Sites;

namespace JobHome.Domain.Checklist;

/// <summary>
/// One yes/no item of the checklist: a stable id, its group, the Chinese question as in the seed (without the * mark),
/// English, whether it is mandatory (marked *), and the site kinds it applies to.
/// </summary>
public sealed record ChecklistItem(string Id, ChecklistGroup Group, string Chinese, string English, bool Mandatory,
    IReadOnlyList<SiteKind> AppliesTo)
{
    /// <summary>True when the item is asked of a site of <paramref name="kind"/>.</summary>
    public bool AppliesToKind(SiteKind kind) => AppliesTo.Contains(kind);
}
