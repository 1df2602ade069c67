namespace JobHome.Silo.Api.Dashboard;

/// <summary>The eight major groups (大类) of GB/T 6565 / 职业分类大典 (2022), Chinese and English.</summary>
internal static class OccupationMajorGroups
{
    /// <summary>Major group 1–8 → names; index 0 unused.</summary>
    public static readonly (string Zh, string En)[] Names =
    [
        (string.Empty, string.Empty),
        ("党的机关、国家机关、群众团体和社会组织、企事业单位负责人",
            "Heads of Party and state organs, mass organisations, social organisations, enterprises and institutions"),
        ("专业技术人员", "Professional and technical personnel"),
        ("办事人员和有关人员", "Clerks and related personnel"),
        ("社会生产服务和生活服务人员", "Social production and personal service personnel"),
        ("农、林、牧、渔业生产及辅助人员", "Agriculture, forestry, animal husbandry and fishery production and support personnel"),
        ("生产制造及有关人员", "Production, manufacturing and related personnel"),
        ("军队人员", "Military personnel"),
        ("不便分类的其他从业人员", "Other workers not classified elsewhere"),
    ];
}
