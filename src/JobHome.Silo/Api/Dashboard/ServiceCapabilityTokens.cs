using JobHome.Domain.Levels;

namespace JobHome.Silo.Api.Dashboard;

/// <summary>The tokens of the services a site provides: the ids of the level requirements they meet (seed 003 art. 10).</summary>
internal static class ServiceCapabilityTokens
{
    /// <summary>Token → capability.</summary>
    public static readonly IReadOnlyDictionary<string, ServiceCapability> All =
        new Dictionary<string, ServiceCapability>(StringComparer.Ordinal)
    {
        ["info_query"] = ServiceCapability.InformationQuery,
        ["info_publicity"] = ServiceCapability.InformationPublicity,
        ["registration"] = ServiceCapability.Registration,
        ["subsidy_application"] = ServiceCapability.SubsidyApplication,
        ["labour_survey"] = ServiceCapability.LabourResourceSurvey,
        ["key_group_survey"] = ServiceCapability.KeyGroupSurvey,
        ["career_guidance"] = ServiceCapability.CareerGuidance,
        ["post_recommendation"] = ServiceCapability.PostRecommendation,
        ["training_recommendation"] = ServiceCapability.TrainingRecommendation,
        ["demand_matching"] = ServiceCapability.DemandMatching,
        ["training_enrolment"] = ServiceCapability.TrainingEnrolment,
        ["assistance"] = ServiceCapability.EmploymentAssistance,
        ["one_to_one"] = ServiceCapability.OneToOneAssistance,
        ["career_plan"] = ServiceCapability.CareerPlanning,
        ["job_description"] = ServiceCapability.JobDescriptionGuidance,
    };
}
