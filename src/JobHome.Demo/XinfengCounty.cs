namespace JobHome.Demo;

/// <summary>
/// Xinfeng County (信丰县, Ganzhou, Jiangxi) as planned in seed 000 annex 1: 217 sites = 1 county hub, 17 township homes,
/// 40 community homes, 157 village homes, 1 high-tech-zone home, 1 technical-school home.
/// </summary>
public static class XinfengCounty
{
    /// <summary>The county's administrative code (信丰县 360722).</summary>
    public const string Code = "360722";

    /// <summary>County name.</summary>
    public const string Name = "信丰县";

    /// <summary>Approximate centre (county seat).</summary>
    public const double Lat = 25.39;

    /// <summary>Approximate centre (county seat).</summary>
    public const double Lon = 114.92;

    /// <summary>Number of sites the county plans (its own, without province and city).</summary>
    public const int SiteCount = 217;

    /// <summary>The high-tech-zone home (kind industrial_park).</summary>
    public const string HighTechZoneName = "高新技术开发区就业之家";

    /// <summary>The technical-school home (kind school).</summary>
    public const string SchoolName = "新阳技工学校就业之家";

    /// <summary>The township rows in the seed's order (城市社区 is the urban community committee, at township level).</summary>
    public static IReadOnlyList<XinfengTownship> Townships { get; } =
    [
        new("安西镇", 1, 9),
        new("城市社区", 19, 0),
        new("崇仙乡", 1, 8),
        new("大阿镇", 1, 10),
        new("大桥镇", 2, 4),
        new("大塘埠镇", 1, 9),
        new("古陂镇", 2, 9),
        new("虎山乡", 1, 5),
        new("嘉定镇", 0, 24),
        new("铁石口镇", 2, 8),
        new("万隆乡", 1, 7),
        new("西牛镇", 2, 20),
        new("小河镇", 1, 10),
        new("小江镇", 2, 10),
        new("新田镇", 1, 7),
        new("油山镇", 1, 5),
        new("正平镇", 2, 12),
    ];
}
