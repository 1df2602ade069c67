namespace JobHome.Domain.Levels;

/// <summary>Services a site actually provides, as named in the level definitions of seed 003 art. 10; a set of flags.</summary>
[Flags]
public enum ServiceCapability
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary>Employment information query (就业信息查询服务), level 4.</summary>
    InformationQuery = 1 << 0,
    /// <summary>Publicity of policies, posts and training (就业政策、招聘岗位和培训等信息宣传服务), level 4.</summary>
    InformationPublicity = 1 << 1,
    /// <summary>Employment/unemployment and job-seeking registration (办理就失业登记、求职登记), level 3.</summary>
    Registration = 1 << 2,
    /// <summary>Subsidy applications (补贴申请), level 3.</summary>
    SubsidyApplication = 1 << 3,
    /// <summary>Labour-resource survey of the area (辖区劳动力资源摸排), level 3.</summary>
    LabourResourceSurvey = 1 << 4,
    /// <summary>Key-group information survey (重点就业群体信息摸排), level 3.</summary>
    KeyGroupSurvey = 1 << 5,
    /// <summary>Career guidance (提供职业指导), level 2.</summary>
    CareerGuidance = 1 << 6,
    /// <summary>Recommending post information (推荐岗位信息), level 2.</summary>
    PostRecommendation = 1 << 7,
    /// <summary>Recommending training information (推荐培训信息), level 2.</summary>
    TrainingRecommendation = 1 << 8,
    /// <summary>Demand matching (进行需求匹配), level 2.</summary>
    DemandMatching = 1 << 9,
    /// <summary>Organising training enrolment (组织培训报名), level 2.</summary>
    TrainingEnrolment = 1 << 10,
    /// <summary>Employment assistance (实施就业援助), level 2.</summary>
    EmploymentAssistance = 1 << 11,
    /// <summary>One-to-one assistance or entrepreneurship support (“一对一”就业援助或创业扶持), level 1.</summary>
    OneToOneAssistance = 1 << 12,
    /// <summary>Career plans (制定职业生涯规划), level 1.</summary>
    CareerPlanning = 1 << 13,
    /// <summary>Guiding employers to write job descriptions (指导用人单位制订岗位说明书), level 1.</summary>
    JobDescriptionGuidance = 1 << 14,
}
