using JobHome.Domain.Occupations;
using JobHome.Domain.People;

namespace JobHome.Demo;

/// <summary>
/// Occupations for demo posts and intentions, covering all 8 major groups of the 2022 classification.
/// Groups 7 (军人) and 8 (不便分类的其他从业人员) have no subdivisions in the real classification and use their single
/// codes 7-00-00-00 and 8-00-00-00; other codes follow the classification's shape and are illustrative.
/// </summary>
public static class DemoOccupations
{
    /// <summary>The list, grouped by major group 1–8.</summary>
    public static IReadOnlyList<DemoOccupation> All { get; } =
    [
        O("1-06-01-01", "企业经理", ["管理", "统筹协调"], 6000, 15000, EducationLevel.College),
        O("1-05-01-02", "合作社负责人", ["管理", "农业经营"], 4000, 9000, EducationLevel.Senior),
        O("2-02-07-01", "机械工程技术员", ["机械制图", "CAD"], 5000, 11000, EducationLevel.College),
        O("2-02-09-02", "电子工程技术员", ["电路设计", "PLC"], 5500, 12000, EducationLevel.College),
        O("2-06-03-01", "会计", ["会计", "财务软件"], 3800, 8000, EducationLevel.College),
        O("2-09-01-03", "小学教师", ["教学", "普通话"], 4000, 7000, EducationLevel.Bachelor),
        O("3-01-02-01", "行政办事员", ["办公软件", "公文写作"], 3000, 5500, EducationLevel.Senior),
        O("3-02-01-01", "保安员", ["安全巡查", "消防"], 2600, 4200, EducationLevel.Junior),
        O("4-01-02-01", "营销员", ["销售", "沟通"], 3000, 8000, EducationLevel.Junior),
        O("4-01-02-03", "营业员", ["收银", "商品陈列"], 2500, 4200, EducationLevel.Junior),
        O("4-02-02-01", "货车驾驶员", ["B2驾照", "安全驾驶"], 5000, 9000, EducationLevel.Junior),
        O("4-02-06-03", "快递员", ["配送", "电动车"], 4000, 8000, EducationLevel.Junior),
        O("4-03-02-01", "中式烹调师", ["烹饪", "食品安全"], 3500, 7500, EducationLevel.Junior),
        O("4-03-02-05", "餐厅服务员", ["服务礼仪"], 2400, 4000, EducationLevel.Primary),
        O("4-09-08-01", "保洁员", ["清洁"], 2000, 3200, EducationLevel.None),
        O("4-10-01-05", "养老护理员", ["护理", "急救"], 3000, 5500, EducationLevel.Junior),
        O("4-10-01-06", "育婴员", ["育婴", "早教"], 3500, 7000, EducationLevel.Junior),
        O("4-07-05-02", "公路养护员", ["道路养护"], 2200, 3500, EducationLevel.Primary),
        O("5-01-02-01", "蔬菜园艺工", ["种植", "大棚管理"], 2500, 5000, EducationLevel.Primary),
        O("5-01-03-02", "脐橙种植工", ["果树修剪", "施肥"], 2600, 5200, EducationLevel.Primary),
        O("5-03-01-01", "家畜饲养员", ["养殖", "防疫"], 2800, 5000, EducationLevel.Primary),
        O("5-05-01-02", "农机驾驶操作员", ["农机操作"], 3000, 6000, EducationLevel.Junior),
        O("6-18-01-01", "车工", ["车床", "识图"], 4000, 7500, EducationLevel.Junior),
        O("6-18-02-04", "焊工", ["电焊", "焊工证"], 4500, 9000, EducationLevel.Junior),
        O("6-25-04-01", "电子设备装配工", ["装配", "焊接"], 3500, 6000, EducationLevel.Junior),
        O("6-05-01-01", "缝纫工", ["缝纫", "平车"], 3200, 6500, EducationLevel.Primary),
        O("6-29-01-01", "砌筑工", ["砌砖", "抹灰"], 4500, 8500, EducationLevel.Primary),
        O("6-31-01-03", "电工", ["电工证", "配电"], 4500, 8500, EducationLevel.Junior),
        O("6-02-01-02", "食品加工工", ["食品加工", "健康证"], 3000, 5500, EducationLevel.Junior),
        O("7-00-00-00", "征兵应征岗位（示例）", ["组织训练", "应急处置"], 4000, 6500, EducationLevel.Senior),
        O("8-00-00-00", "其他从业人员（示例）", ["综合"], 2400, 4500, EducationLevel.None),
    ];

    /// <summary>Occupations suited to public-welfare posts (公益性岗位: cleaning, security, care, road upkeep).</summary>
    public static IReadOnlyList<DemoOccupation> PublicWelfare { get; } =
        All.Where(o => o.Title is "保洁员" or "保安员" or "养老护理员" or "公路养护员").ToList();

    /// <summary>The occupations of one major group (1–8).</summary>
    public static IReadOnlyList<DemoOccupation> OfMajorGroup(int major) => All.Where(o => o.Code.Major == major).ToList();

    private static DemoOccupation O(string code, string title, string[] skills, int low, int high, EducationLevel min) =>
        new(OccupationCode.Parse(code), title, skills, low, high, min);
}
