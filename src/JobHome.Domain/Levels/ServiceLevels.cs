using JobHome.Domain.Sites;

namespace JobHome.Domain.Levels;

/// <summary>
/// Service level rules of seed 003 (chapters 4–8), cumulative:
/// level 4 能宣传 (information query and publicity);
/// level 3 能经办 (+ registrations, subsidy applications, labour-resource and key-group surveys; a service window, at least one staff member,
/// a computer);
/// level 2 能服务 (+ career guidance, post and training recommendation, demand matching, training enrolment, assistance; a service space, at
/// least 2 staff);
/// level 1 服务好 (+ one-to-one assistance, career plans, job-description guidance; at least 2 full-time staff, assessment equipment).
/// Every site needs at least level 4, every township at least level 3 (art. 12, 15).
/// </summary>
public static class ServiceLevels
{
    private static readonly (LevelRequirement Requirement, Func<SiteFacts, bool> Met)[] Rules =
    [
        (new("info_query", ServiceLevel.Level4, "employment information query service", "就业信息查询服务"),
            f => Has(f, ServiceCapability.InformationQuery)),
        (new("info_publicity", ServiceLevel.Level4, "publicity of employment policies, posts and training", "就业政策、招聘岗位和培训等信息宣传服务"),
            f => Has(f, ServiceCapability.InformationPublicity)),
        (new("registration", ServiceLevel.Level3, "employment/unemployment and job-seeking registration", "办理就失业登记、求职登记"),
            f => Has(f, ServiceCapability.Registration)),
        (new("subsidy_application", ServiceLevel.Level3, "subsidy applications", "补贴申请"),
            f => Has(f, ServiceCapability.SubsidyApplication)),
        (new("labour_survey", ServiceLevel.Level3, "labour-resource survey of the area", "辖区劳动力资源摸排"),
            f => Has(f, ServiceCapability.LabourResourceSurvey)),
        (new("key_group_survey", ServiceLevel.Level3, "key-group information survey", "重点就业群体信息摸排"),
            f => Has(f, ServiceCapability.KeyGroupSurvey)),
        (new("service_window", ServiceLevel.Level3, "a comprehensive or dedicated service window", "综合性或专门经办服务窗口"),
            f => f.HasServiceWindow),
        (new("handling_staff", ServiceLevel.Level3, "at least one handling staff member", "必要经办人员"), f => f.Staff.Staff >= 1),
        (new("computer", ServiceLevel.Level3, "a computer and equipment for the business information system", "电脑以及业务经办信息系统所需的配套设备"),
            f => f.HasComputer),
        (new("career_guidance", ServiceLevel.Level2, "career guidance", "职业指导"), f => Has(f, ServiceCapability.CareerGuidance)),
        (new("post_recommendation", ServiceLevel.Level2, "recommending post information", "推荐岗位信息"),
            f => Has(f, ServiceCapability.PostRecommendation)),
        (new("training_recommendation", ServiceLevel.Level2, "recommending training information", "推荐培训信息"),
            f => Has(f, ServiceCapability.TrainingRecommendation)),
        (new("demand_matching", ServiceLevel.Level2, "demand matching", "需求匹配"), f => Has(f, ServiceCapability.DemandMatching)),
        (new("training_enrolment", ServiceLevel.Level2, "organising training enrolment", "组织培训报名"),
            f => Has(f, ServiceCapability.TrainingEnrolment)),
        (new("assistance", ServiceLevel.Level2, "employment assistance", "实施就业援助"), f => Has(f, ServiceCapability.EmploymentAssistance)),
        (new("service_space", ServiceLevel.Level2, "an employment and entrepreneurship service space", "就业创业服务空间"), f => f.HasServiceSpace),
        (new("two_staff", ServiceLevel.Level2, "2–3 part-time or full-time staff", "2—3名兼职或专职工作人员"), f => f.Staff.Staff >= 2),
        (new("one_to_one", ServiceLevel.Level1, "one-to-one employment assistance or entrepreneurship support", "“一对一”就业援助或创业扶持"),
            f => Has(f, ServiceCapability.OneToOneAssistance)),
        (new("career_plan", ServiceLevel.Level1, "career plans", "制定职业生涯规划"), f => Has(f, ServiceCapability.CareerPlanning)),
        (new("job_description", ServiceLevel.Level1, "guiding employers to write job descriptions", "指导用人单位制订岗位说明书"),
            f => Has(f, ServiceCapability.JobDescriptionGuidance)),
        (new("two_full_time", ServiceLevel.Level1, "2–3 full-time staff", "2—3名专职工作人员"), f => f.Staff.FullTime >= 2),
        (new("assessment_equipment", ServiceLevel.Level1, "professional assessment equipment (e.g. vocational ability assessment)",
            "与专业服务相匹配的设备（如职业能力测评设备）"), f => f.HasAssessmentEquipment),
    ];

    /// <summary>Every requirement, level 4 first.</summary>
    public static IReadOnlyList<LevelRequirement> Requirements { get; } = Rules.Select(r => r.Requirement).ToList();

    /// <summary>The requirements introduced at <paramref name="level"/> (not those inherited from lower levels).</summary>
    public static IReadOnlyList<LevelRequirement> RequirementsOf(ServiceLevel level) =>
        Requirements.Where(r => r.Level == level).ToList();

    /// <summary>The lowest level a site of this kind must provide: township level 3, every other site level 4.</summary>
    public static ServiceLevel RequiredMinimum(SiteKind kind) => kind == SiteKind.Township ? ServiceLevel.Level3 : ServiceLevel.Level4;

    /// <summary>True when <paramref name="level"/> is <paramref name="required"/> or better (level 1 is best).</summary>
    public static bool IsAtLeast(ServiceLevel level, ServiceLevel required) =>
        level != ServiceLevel.None && (required == ServiceLevel.None || (int)level <= (int)required);

    /// <summary>Assesses a site: the highest level whose requirements and all lower levels' are met, and what is missing.</summary>
    public static LevelAssessment Assess(SiteFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var reached = ServiceLevel.None;
        for (var level = ServiceLevel.Level4; level >= ServiceLevel.Level1; level--)
        {
            if (MissingAt(facts, level).Count > 0)
            {
                break;
            }
            reached = level;
        }
        ServiceLevel? next = reached switch
        {
            ServiceLevel.None => ServiceLevel.Level4,
            ServiceLevel.Level1 => null,
            _ => reached - 1,
        };
        var minimum = RequiredMinimum(facts.Kind);
        var missingForNext = next is { } n ? MissingAt(facts, n) : [];
        var missingForMinimum = IsAtLeast(reached, minimum) ? [] : MissingUpTo(facts, minimum);
        return new LevelAssessment(facts.Kind, reached, minimum, next, missingForNext, missingForMinimum);
    }

    private static List<LevelRequirement> MissingAt(SiteFacts facts, ServiceLevel level) =>
        Rules.Where(r => r.Requirement.Level == level && !r.Met(facts)).Select(r => r.Requirement).ToList();

    private static List<LevelRequirement> MissingUpTo(SiteFacts facts, ServiceLevel target) =>
        Rules.Where(r => (int)r.Requirement.Level >= (int)target && !r.Met(facts)).Select(r => r.Requirement).ToList();

    private static bool Has(SiteFacts f, ServiceCapability c) => (f.Services & c) == c;
}
