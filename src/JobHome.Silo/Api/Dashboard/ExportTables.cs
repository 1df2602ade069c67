using System.Globalization;
using JobHome.Domain.People;
using JobHome.Grains.People;
using JobHome.Silo.Api.Alerts;

namespace JobHome.Silo.Api.Dashboard;

/// <summary>
/// The two tables of the weekly dispatch export (周调度): the children with their indicators, and the alerts of the subtree
/// (newest first). Personal data is masked: names as 张**, ID numbers as 3607**********1238; ids are system ids.
/// </summary>
internal static class ExportTables
{
    /// <summary>Alert type of an overdue zero-employment household.</summary>
    public const string HouseholdAlert = "overdue_household";

    /// <summary>Alert type of a seeker unemployed over three months without a follow-up.</summary>
    public const string SeekerAlert = "unemployed_over_3_months_without_follow_up";

    /// <summary>The children table.</summary>
    public static ExportTable Children(IReadOnlyList<ChildIndicatorsItem> children) => new("children",
        [
            "网点编码 code", "名称 name", "类型 kind", "就业 employed", "失业 unemployed", "劳动力 labourForce",
            "就业率 employmentRate", "就业率目标 employmentRateTarget", "达标 employmentRateTargetMet",
            "登记失业率 registeredUnemploymentRate", "失业超3个月 unemployedOver3Months", "零就业家庭 zeroEmploymentHouseholds",
            "逾期零就业家庭 zeroEmploymentHouseholdsOverdue", "在招岗位 openPosts", "空缺人数 openings", "求职人数 activeSeekers",
            "岗位求职比 postsToSeekersRatio", "安置 placements",
        ],
        [.. children.Select(c =>
        {
            var i = c.Indicators;
            var target = i.Targets.EmploymentRate;
            return new object?[]
            {
                c.Code, c.Name, c.Kind, i.Employed, i.Unemployed, i.LabourForce, i.EmploymentRate, target?.Target,
                target?.Met switch { true => "达标 met", false => "未达标 not met", null => null },
                i.RegisteredUnemploymentRate, i.UnemployedOver3Months, i.ZeroEmploymentHouseholds, i.ZeroEmploymentHouseholdsOverdue,
                i.OpenPosts, i.Openings, i.ActiveSeekers, i.PostsToSeekersRatio, i.Placements,
            };
        })]);

    /// <summary>The alerts table: households and seekers together, newest (latest start) first, then by id.</summary>
    public static async Task<ExportTable> AlertsAsync(IGrainFactory grains, SiteAlertsResponse alerts, CancellationToken cancellationToken)
    {
        var seekers = await Batches.SelectAsync(alerts.UnemployedOver3MonthsWithoutFollowUp,
            a => grains.GetGrain<ISeekerGrain>(a.SeekerId).GetAsync(), cancellationToken);
        var rows = new List<(DateOnly Since, string Id, object?[] Cells)>();
        rows.AddRange(alerts.OverdueHouseholds.Select(h => (h.ZeroEmploymentSince, h.HouseholdId, new object?[]
        {
            HouseholdAlert, h.HouseholdId, h.SiteCode, null, null, Date(h.ZeroEmploymentSince), Date(h.OverdueFrom), null,
        })));
        rows.AddRange(alerts.UnemployedOver3MonthsWithoutFollowUp.Select((s, i) => (s.UnemployedSince, s.SeekerId, new object?[]
        {
            SeekerAlert, s.SeekerId, s.SiteCode, Masking.Name(seekers[i]?.Name), seekers[i]?.IdNumberMasked, Date(s.UnemployedSince),
            null, s.LastFollowUp is { } last ? Date(last) : null,
        })));
        return new ExportTable("alerts",
            [
                "类型 alert", "编号 id", "网点 siteCode", "姓名 name (masked)", "身份证号 idNumber (masked)", "起始 since",
                "逾期日 overdueFrom", "最近跟进 lastFollowUp",
            ],
            [.. rows.OrderByDescending(r => r.Since).ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => r.Cells)]);
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
