using JobHome.Domain.Sites;

namespace JobHome.Domain.Checklist;

/// <summary>
/// The standardisation checklist of seed 000 annex 3 (“5＋2就业之家”规范化建设情况评价表).
/// Items marked * in the seed are mandatory. The seed's note 2 calls them the must-build items of the
/// city- and county-led programme; this code applies them to every site kind an item applies to (the same form is used
/// to evaluate county, township, community/village, high-tech zone and school homes, note 1).
/// Kind rules: the comprehensive-hall item is asked of county homes only; each "service functions" item is asked of
/// its own kind (province and city use the county one, as for the service catalogue).
/// The four "construction mode" (建设模式) lines are alternatives, recorded as optional items.
/// </summary>
public static class StandardisationChecklist
{
    private static readonly SiteKind[] AllKinds = Enum.GetValues<SiteKind>();

    /// <summary>Every item in form order.</summary>
    public static IReadOnlyList<ChecklistItem> Items { get; } =
    [
        Item("siting.location", ChecklistGroup.Siting, "选址是否毗临集中居住区、重点商圈、开发区或交通枢纽（院校类型的是否在院校交通较便利区域）",
            "Sited next to a residential area, business district, development zone or transport hub (schools: a well-connected part of " +
                "the campus)", true),
        Item("siting.mode.idle_state_premises", ChecklistGroup.Siting, "依托国有闲置场所建设",
            "Construction mode: built in idle state-owned premises", false),
        Item("siting.mode.existing_employment_premises", ChecklistGroup.Siting, "依托原有就业公共服务场所建设",
            "Construction mode: built on existing public employment service premises", false),
        Item("siting.mode.community_service_centre", ChecklistGroup.Siting, "依托城乡社区综合便民服务中心建设",
            "Construction mode: built in an urban/rural community service centre", false),
        Item("siting.mode.joint_platform", ChecklistGroup.Siting, "依托其他公共服务平台共建联建",
            "Construction mode: built jointly with another public service platform", false),
        Item("signage.naming", ChecklistGroup.Signage, "命名是否规范", "Named according to the standard", true),
        Item("signage.logo", ChecklistGroup.Signage, "是否准确使用LOGO形象标识", "Uses the LOGO correctly", true),
        Item("signage.door_and_floor_signs", ChecklistGroup.Signage, "是否规范设置门头标牌和地面立标",
            "Door sign and standing floor sign set up to standard", true),
        Item("signage.hall_backdrop", ChecklistGroup.Signage, "是否规范设置服务大厅背景标识", "Service-hall backdrop sign set up to standard", true),
        Item("signage.post_board", ChecklistGroup.Signage, "是否规范设置岗位公示牌", "Post notice board set up to standard", true),
        Item("signage.work_pass", ChecklistGroup.Signage, "是否规范使用工作证", "Staff use work passes to standard", true),
        Item("signage.uniform", ChecklistGroup.Signage, "是否规范服务着装", "Staff wear the service uniform to standard", true),
        Item("config.area", ChecklistGroup.Configuration, "是否符合当地常住人口、服务对象规模需求",
            "Floor area fits the resident population and number of service users", true),
        Item("config.independent_space", ChecklistGroup.Configuration, "是否具有独立的服务空间", "Has an independent service space", false),
        Item("config.independent_window", ChecklistGroup.Configuration, "是否具有独立的服务窗口", "Has an independent service window", false),
        Item("config.comprehensive_hall", ChecklistGroup.Configuration, "如属县级“就业之家”，是否设置综合性服务大厅（含政策咨询区、信息发布区、业务办理区和等候休息区）",
            "County home: has a comprehensive service hall (policy consultation, information release, business handling and waiting areas)",
            true, SiteKind.County),
        Item("config.manager", ChecklistGroup.Configuration, "是否设置负责人负责日常管理", "Has a responsible person for daily management", true),
        Item("config.full_time_staff", ChecklistGroup.Configuration, "是否配备专职服务人员", "Has full-time service staff", true),
        Item("config.part_time_or_volunteers", ChecklistGroup.Configuration, "是否配备兼职服务人员或具备相对稳定的外部志愿者团队",
            "Has part-time staff or a fairly stable external volunteer team", true),
        Item("config.functions.county", ChecklistGroup.Configuration, "评估是否具备综合性公共就业服务平台“就业之家”服务功能分类要求",
            "Provides the service functions of a comprehensive platform (county catalogue, 15 items)", false, SiteKind.Province,
                SiteKind.City, SiteKind.County),
        Item("config.functions.township", ChecklistGroup.Configuration, "评估是否具备基层公共就业服务平台“就业之家”服务功能分类要求",
            "Provides the service functions of a grassroots platform (township catalogue, 11 items)", false, SiteKind.Township),
        Item("config.functions.community_village", ChecklistGroup.Configuration, "评估是否具备基层公共就业服务平台“就业之家”服务功能分类要求",
            "Provides the service functions of a grassroots platform (community/village catalogue, 8 items)", false, SiteKind.Community,
                SiteKind.Village),
        Item("config.functions.industrial_park", ChecklistGroup.Configuration, "评估是否具备专业性公共就业服务平台“就业之家”服务功能分类要求",
            "Provides the service functions of a specialised platform (high-tech zone catalogue, 6 items)", false, SiteKind.IndustrialPark),
        Item("config.functions.school", ChecklistGroup.Configuration, "评估是否具备专业性公共就业服务平台“就业之家”服务功能分类要求",
            "Provides the service functions of a specialised platform (technical school catalogue, 7 items)", false, SiteKind.School),
        Item("config.it_equipment", ChecklistGroup.Configuration, "是否配备必备的信息化办公设备", "Has the necessary IT office equipment", true),
        Item("config.display_screen", ChecklistGroup.Configuration, "是否配备信息展示大屏", "Has a large information display screen", true),
        Item("config.recruitment_kiosk", ChecklistGroup.Configuration, "是否配备求职招聘一体机", "Has a job-seeking/recruitment kiosk", false),
        Item("config.one_stop", ChecklistGroup.Configuration, "服务功能是否实现集中式、一站式服务", "Services are concentrated and one-stop", true),
        Item("config.online.hrss_system", ChecklistGroup.Configuration, "是否接入人社一体化信息系统经办业务",
            "Connected to the integrated HR and social security system for business handling", true),
        Item("config.online.recruitment_platform", ChecklistGroup.Configuration, "是否接入“5＋2”线上招聘平台",
            "Connected to the “5+2” online recruitment platform", true),
        Item("rules.public_service_list", ChecklistGroup.Institutions, "是否在显著位置公示对外服务事项",
            "Services offered are posted in a prominent place", true),
        Item("rules.work_rules", ChecklistGroup.Institutions, "是否制定了“就业之家”就业服务工作制度", "Has written employment-service work rules", true),
        Item("rules.national_standard", ChecklistGroup.Institutions, "提供就业公共服务是否执行国家标准",
            "Applies the national standards for public employment services", true),
        Item("rules.provincial_standard", ChecklistGroup.Institutions, "是否执行全省统一就业服务标准化制度",
            "Applies the province-wide employment service standardisation rules", true),
        Item("rules.complaints", ChecklistGroup.Institutions, "是否建立差评和投诉反馈机制", "Has a bad-review and complaint feedback mechanism", true),
        Item("rules.work_log", ChecklistGroup.Institutions, "是否建立工作日志台账", "Keeps a work-log ledger", true),
        Item("rules.business_files", ChecklistGroup.Institutions, "是否建立业务档案台账", "Keeps a business-file ledger", true),
        Item("rules.hotline", ChecklistGroup.Institutions, "是否在显著位置公示对外服务热线", "Service hotline posted in a prominent place", true),
    ];

    /// <summary>The items asked of a site of <paramref name="kind"/>.</summary>
    public static IReadOnlyList<ChecklistItem> ItemsFor(SiteKind kind) => Items.Where(i => i.AppliesToKind(kind)).ToList();

    /// <summary>The item with <paramref name="id"/>, or null.</summary>
    public static ChecklistItem? Find(string id) => Items.FirstOrDefault(i => string.Equals(i.Id, id, StringComparison.Ordinal));

    /// <summary>
    /// Evaluates yes/no answers (by item id) for a site of <paramref name="kind"/>: 达标 when every applicable
    /// mandatory item is answered yes. Answers to items that do not apply to the kind are ignored; unknown ids are reported.
    /// </summary>
    public static ChecklistEvaluation Evaluate(SiteKind kind, IReadOnlyDictionary<string, bool> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var failedMandatory = new List<ChecklistItem>();
        var failedOptional = new List<ChecklistItem>();
        var unanswered = new List<ChecklistItem>();
        foreach (var item in ItemsFor(kind))
        {
            if (!answers.TryGetValue(item.Id, out var yes))
            {
                unanswered.Add(item);
                if (item.Mandatory)
                {
                    failedMandatory.Add(item);
                }
            }
            else if (!yes)
            {
                (item.Mandatory ? failedMandatory : failedOptional).Add(item);
            }
        }
        var unknown = answers.Keys.Where(k => Find(k) is null).Order(StringComparer.Ordinal).ToList();
        return new ChecklistEvaluation(kind, failedMandatory, failedOptional, unanswered, unknown);
    }

    private static ChecklistItem Item(string id, ChecklistGroup group, string chinese, string english, bool mandatory,
        params SiteKind[] kinds) =>
        new(id, group, chinese, english, mandatory, kinds.Length == 0 ? AllKinds : kinds);
}
