using JobHome.Domain.Sites;

namespace JobHome.Domain.Services;

/// <summary>
/// The service catalogue per site kind (服务功能分类), exactly as annex 2 of the Xinfeng plan (seed 000):
/// county 15 items, township 11, community/village 8, high-tech zone 6, technical school 7.
/// The seed has no province or city catalogue; they use the county catalogue (the comprehensive hub list).
/// </summary>
public static class ServiceCatalogue
{
    /// <summary>County (县级): focus "hub and support" (中枢性、支撑性).</summary>
    public static IReadOnlyList<ServiceItem> County { get; } =
    [
        new(1, "政策咨询服务", "Policy consultation"),
        new(2, "信息发布服务", "Information release"),
        new(3, "职业指导服务", "Career guidance"),
        new(4, "职业介绍服务", "Job introduction"),
        new(5, "职业培训服务", "Vocational training"),
        new(6, "就业见习服务", "Employment internship (见习)"),
        new(7, "创业服务", "Entrepreneurship services"),
        new(8, "就业援助服务", "Employment assistance"),
        new(9, "就业和失业登记管理服务", "Employment and unemployment registration management"),
        new(10, "流动人员人事档案管理服务", "Personnel-file management for mobile workers"),
        new(11, "公共就业服务专项活动", "Public employment service special campaigns"),
        new(12, "落实就业扶持政策", "Delivering employment support policies (subsidies)"),
        new(13, "就业指挥监测", "Employment command and monitoring"),
        new(14, "协助开展劳动关系协调和劳动权益保护", "Helping with labour-relations coordination and labour-rights protection"),
        new(15, "其他就业服务", "Other employment services"),
    ];

    /// <summary>Township / urban community committee (乡镇（城市社区）级): focus "handling + assistance" (就业经办＋就业援助).</summary>
    public static IReadOnlyList<ServiceItem> Township { get; } =
    [
        new(1, "劳动力资源调查服务", "Labour-resource survey"),
        new(2, "重点就业群体和用人单位需求调查服务", "Key-group and employer demand survey"),
        new(3, "政策咨询服务", "Policy consultation"),
        new(4, "信息发布服务", "Information release"),
        new(5, "职业培训服务", "Vocational training"),
        new(6, "职业介绍服务", "Job introduction"),
        new(7, "创业服务", "Entrepreneurship services"),
        new(8, "就业援助服务", "Employment assistance"),
        new(9, "就业和失业登记服务", "Employment and unemployment registration"),
        new(10, "协助开展劳动关系协调和劳动权益保护", "Helping with labour-relations coordination and labour-rights protection"),
        new(11, "其他就业服务", "Other employment services"),
    ];

    /// <summary>Community / village (社区（村）级): focus "survey + job recommendation" (信息摸排＋岗位推荐).</summary>
    public static IReadOnlyList<ServiceItem> CommunityOrVillage { get; } =
    [
        new(1, "劳动力资源调查服务", "Labour-resource survey"),
        new(2, "重点就业群体就业需求调查", "Key-group employment demand survey"),
        new(3, "政策宣传服务", "Policy publicity"),
        new(4, "信息发布服务", "Information release"),
        new(5, "职业介绍服务", "Job introduction"),
        new(6, "协助开展就业援助服务", "Helping with employment assistance"),
        new(7, "协助开展就业和失业登记服务", "Helping with employment and unemployment registration"),
        new(8, "其他就业服务", "Other employment services"),
    ];

    /// <summary>High-tech zone (高新区).</summary>
    public static IReadOnlyList<ServiceItem> IndustrialPark { get; } =
    [
        new(1, "政策咨询服务", "Policy consultation"),
        new(2, "高新区岗位供求信息和培训信息发布服务", "Release of zone post supply/demand and training information"),
        new(3, "高新区企业招用工服务", "Recruitment services for zone enterprises"),
        new(4, "惠企稳岗政策落实服务", "Delivering enterprise-support and job-retention policies"),
        new(5, "高新区企业用工统计监测服务", "Enterprise employment statistics monitoring in the zone"),
        new(6, "其他就业服务", "Other employment services"),
    ];

    /// <summary>Technical school (技工学校).</summary>
    public static IReadOnlyList<ServiceItem> School { get; } =
    [
        new(1, "政策咨询服务", "Policy consultation"),
        new(2, "就业指导和求职招聘服务", "Employment guidance, job seeking and recruitment"),
        new(3, "毕业生就业帮扶", "Graduate employment assistance"),
        new(4, "就业技能培训服务", "Employment skills training"),
        new(5, "创业培训和创业指导服务", "Entrepreneurship training and guidance"),
        new(6, "毕业生就业情况统计监测服务", "Graduate employment statistics monitoring"),
        new(7, "其他就业服务", "Other employment services"),
    ];

    /// <summary>The catalogue for a site kind; province and city use the county catalogue.</summary>
    public static IReadOnlyList<ServiceItem> For(SiteKind kind) => kind switch
    {
        SiteKind.Province or SiteKind.City or SiteKind.County => County,
        SiteKind.Township => Township,
        SiteKind.Community or SiteKind.Village => CommunityOrVillage,
        SiteKind.IndustrialPark => IndustrialPark,
        SiteKind.School => School,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown site kind"),
    };

    /// <summary>The catalogue items of <paramref name="kind"/> not among <paramref name="offered"/> (by number).</summary>
    public static IReadOnlyList<ServiceItem> Missing(SiteKind kind, IEnumerable<int> offered)
    {
        var set = offered.ToHashSet();
        return For(kind).Where(i => !set.Contains(i.Number)).ToList();
    }
}
