namespace JobHome.Domain.Sites;

/// <summary>File tokens, Chinese names and the parent rules of <see cref="SiteKind"/>.</summary>
public static class SiteKinds
{
    private static readonly (SiteKind Kind, string Token, string Chinese)[] Table =
    [
        (SiteKind.Province, "province", "省级"),
        (SiteKind.City, "city", "市级"),
        (SiteKind.County, "county", "县级"),
        (SiteKind.Township, "township", "乡镇（城市社区）级"),
        (SiteKind.Community, "community", "社区级"),
        (SiteKind.Village, "village", "村级"),
        (SiteKind.IndustrialPark, "industrial_park", "高新区"),
        (SiteKind.School, "school", "技工学校"),
    ];

    /// <summary>Every kind with its token and Chinese name, in tier order.</summary>
    public static IReadOnlyList<(SiteKind Kind, string Token, string Chinese)> All => Table;

    /// <summary>The file token, e.g. <c>industrial_park</c>.</summary>
    public static string ToToken(this SiteKind kind) => Table[(int)kind].Token;

    /// <summary>The Chinese name of the level or type.</summary>
    public static string ToChinese(this SiteKind kind) => Table[(int)kind].Chinese;

    /// <summary>Parses a token such as <c>village</c>.</summary>
    public static bool TryParse(string? token, out SiteKind kind)
    {
        foreach (var row in Table)
        {
            if (string.Equals(row.Token, token, StringComparison.Ordinal))
            {
                kind = row.Kind;
                return true;
            }
        }
        kind = default;
        return false;
    }

    /// <summary>True for the specialised kinds (the "2" of 5+2): industrial park and school.</summary>
    public static bool IsSpecialised(this SiteKind kind) => kind is SiteKind.IndustrialPark or SiteKind.School;

    /// <summary>True for community and village, the grassroots tier (社区（村）级).</summary>
    public static bool IsGrassroots(this SiteKind kind) => kind is SiteKind.Community or SiteKind.Village;

    /// <summary>
    /// The kinds a site of <paramref name="kind"/> may hang under: city under province, county under city,
    /// township under county, community and village under township, industrial park and school under county or city;
    /// a province is the root (no parent).
    /// </summary>
    public static IReadOnlyList<SiteKind> AllowedParents(this SiteKind kind) => kind switch
    {
        SiteKind.Province => [],
        SiteKind.City => [SiteKind.Province],
        SiteKind.County => [SiteKind.City],
        SiteKind.Township => [SiteKind.County],
        SiteKind.Community or SiteKind.Village => [SiteKind.Township],
        SiteKind.IndustrialPark or SiteKind.School => [SiteKind.County, SiteKind.City],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown site kind"),
    };

    /// <summary>True when a <paramref name="child"/> site may hang under a <paramref name="parent"/> site.</summary>
    public static bool CanBeChildOf(this SiteKind child, SiteKind parent) => child.AllowedParents().Contains(parent);
}
