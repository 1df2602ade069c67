using JobHome.Domain.Levels;
using JobHome.Domain.Sites;

namespace JobHome.Domain.Tests.Levels;

public sealed class ServiceLevelsTests
{
    private const ServiceCapability L4 = ServiceCapability.InformationQuery | ServiceCapability.InformationPublicity;
    private const ServiceCapability L3 = L4 | ServiceCapability.Registration | ServiceCapability.SubsidyApplication | ServiceCapability.LabourResourceSurvey | ServiceCapability.KeyGroupSurvey;
    private const ServiceCapability L2 = L3 | ServiceCapability.CareerGuidance | ServiceCapability.PostRecommendation | ServiceCapability.TrainingRecommendation
        | ServiceCapability.DemandMatching | ServiceCapability.TrainingEnrolment | ServiceCapability.EmploymentAssistance;
    private const ServiceCapability L1 = L2 | ServiceCapability.OneToOneAssistance | ServiceCapability.CareerPlanning | ServiceCapability.JobDescriptionGuidance;

    private static SiteFacts Level1Facts(SiteKind kind = SiteKind.Village) =>
        new(kind, L1, new StaffCounts(2, 1, 0), HasServiceWindow: true, HasComputer: true, HasServiceSpace: true, HasAssessmentEquipment: true);

    [Fact]
    public void Assess_EverythingPresent_Level1WithNothingMissing()
    {
        var a = ServiceLevels.Assess(Level1Facts());
        Assert.Equal(ServiceLevel.Level1, a.Level);
        Assert.Null(a.NextLevel);
        Assert.Empty(a.MissingForNext);
        Assert.False(a.BelowMinimum);
    }

    [Fact]
    public void Assess_NoServices_NoneAndBelowMinimum()
    {
        var a = ServiceLevels.Assess(new SiteFacts(SiteKind.Village, ServiceCapability.None, default, false, false, false, false));
        Assert.Equal(ServiceLevel.None, a.Level);
        Assert.Equal(ServiceLevel.Level4, a.NextLevel);
        Assert.Equal(["info_query", "info_publicity"], a.MissingForNext.Select(r => r.Id));
        Assert.True(a.BelowMinimum);
    }

    public static TheoryData<string, ServiceLevel> EachRequirement()
    {
        var data = new TheoryData<string, ServiceLevel>();
        foreach (var r in ServiceLevels.Requirements)
        {
            data.Add(r.Id, r.Level);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EachRequirement))]
    public void Assess_OneRequirementRemoved_DropsBelowItsLevelAndNamesIt(string id, ServiceLevel level)
    {
        var facts = Without(Level1Facts(), id);
        var a = ServiceLevels.Assess(facts);
        // Losing a level-N requirement leaves the site at the level below N (level N+1), listing exactly that item.
        var expected = level == ServiceLevel.Level4 ? ServiceLevel.None : level + 1;
        Assert.Equal(expected, a.Level);
        Assert.Equal(level, a.NextLevel);
        var missing = Assert.Single(a.MissingForNext);
        Assert.Equal(id, missing.Id);
        Assert.False(string.IsNullOrEmpty(missing.Chinese));
        Assert.False(string.IsNullOrEmpty(missing.English));
    }

    [Fact]
    public void Assess_TownshipAtLevel4_FlaggedBelowMinimumWithMissingItems()
    {
        var facts = new SiteFacts(SiteKind.Township, L4, new StaffCounts(1, 0, 0), HasServiceWindow: false, HasComputer: true, HasServiceSpace: false, HasAssessmentEquipment: false);
        var a = ServiceLevels.Assess(facts);
        Assert.Equal(ServiceLevel.Level4, a.Level);
        Assert.Equal(ServiceLevel.Level3, a.RequiredMinimum);
        Assert.True(a.BelowMinimum);
        Assert.Equal(["registration", "subsidy_application", "labour_survey", "key_group_survey", "service_window"], a.MissingForMinimum.Select(r => r.Id));
    }

    [Fact]
    public void Assess_VillageAtLevel4_MeetsMinimum()
    {
        var a = ServiceLevels.Assess(new SiteFacts(SiteKind.Village, L4, default, false, false, false, false));
        Assert.Equal(ServiceLevel.Level4, a.Level);
        Assert.False(a.BelowMinimum);
        Assert.Empty(a.MissingForMinimum);
    }

    [Fact]
    public void Assess_TownshipAtLevel3_MeetsMinimum()
    {
        var a = ServiceLevels.Assess(new SiteFacts(SiteKind.Township, L3, new StaffCounts(0, 1, 0), true, true, false, false));
        Assert.Equal(ServiceLevel.Level3, a.Level);
        Assert.False(a.BelowMinimum);
        Assert.Equal(["service_space", "two_staff"], a.MissingForNext.Select(r => r.Id).Where(i => i is "service_space" or "two_staff"));
        Assert.Equal(8, a.MissingForNext.Count);
    }

    [Fact]
    public void Assess_HigherServicesWithoutLowerOnes_StaysLow()
    {
        // Cumulative: level-1 services do not help when level-3 items are missing.
        var facts = Level1Facts() with { Services = L1 & ~ServiceCapability.Registration };
        Assert.Equal(ServiceLevel.Level4, ServiceLevels.Assess(facts).Level);
    }

    [Fact]
    public void Assess_TwoPartTimeStaffOnly_Level2NotLevel1()
    {
        var facts = Level1Facts() with { Staff = new StaffCounts(1, 5, 0) };
        var a = ServiceLevels.Assess(facts);
        Assert.Equal(ServiceLevel.Level2, a.Level);
        Assert.Equal("two_full_time", Assert.Single(a.MissingForNext).Id);
    }

    private static SiteFacts Without(SiteFacts f, string id) => id switch
    {
        "info_query" => f with { Services = f.Services & ~ServiceCapability.InformationQuery },
        "info_publicity" => f with { Services = f.Services & ~ServiceCapability.InformationPublicity },
        "registration" => f with { Services = f.Services & ~ServiceCapability.Registration },
        "subsidy_application" => f with { Services = f.Services & ~ServiceCapability.SubsidyApplication },
        "labour_survey" => f with { Services = f.Services & ~ServiceCapability.LabourResourceSurvey },
        "key_group_survey" => f with { Services = f.Services & ~ServiceCapability.KeyGroupSurvey },
        "service_window" => f with { HasServiceWindow = false },
        "handling_staff" => f with { Staff = new StaffCounts(0, 0, 3) },
        "computer" => f with { HasComputer = false },
        "career_guidance" => f with { Services = f.Services & ~ServiceCapability.CareerGuidance },
        "post_recommendation" => f with { Services = f.Services & ~ServiceCapability.PostRecommendation },
        "training_recommendation" => f with { Services = f.Services & ~ServiceCapability.TrainingRecommendation },
        "demand_matching" => f with { Services = f.Services & ~ServiceCapability.DemandMatching },
        "training_enrolment" => f with { Services = f.Services & ~ServiceCapability.TrainingEnrolment },
        "assistance" => f with { Services = f.Services & ~ServiceCapability.EmploymentAssistance },
        "service_space" => f with { HasServiceSpace = false },
        "two_staff" => f with { Staff = new StaffCounts(1, 0, 5) },
        "one_to_one" => f with { Services = f.Services & ~ServiceCapability.OneToOneAssistance },
        "career_plan" => f with { Services = f.Services & ~ServiceCapability.CareerPlanning },
        "job_description" => f with { Services = f.Services & ~ServiceCapability.JobDescriptionGuidance },
        "two_full_time" => f with { Staff = new StaffCounts(1, 2, 0) },
        "assessment_equipment" => f with { HasAssessmentEquipment = false },
        _ => throw new ArgumentException(id),
    };
}
