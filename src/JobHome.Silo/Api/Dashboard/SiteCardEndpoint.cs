using System.Globalization;
using JobHome.Domain.Checklist;
using JobHome.Domain.Levels;
using JobHome.Domain.Services;
using JobHome.Domain.Sites;
using JobHome.Grains.Sites;

namespace JobHome.Silo.Api.Dashboard;

/// <summary>
/// <c>GET /api/sites/{code}/card</c> from the Domain's level assessment, checklist and service catalogue. The site record
/// holds its staff counts only: the services it provides, its equipment and the checklist answers are not recorded, so
/// the assessment counts them as absent (an unanswered mandatory item fails, as on the paper form).
/// </summary>
internal static class SiteCardEndpoint
{
    /// <summary>Handles the request.</summary>
    public static async Task<IResult> GetAsync(string code, IGrainFactory grains)
    {
        var view = await grains.GetGrain<ISiteGrain>(code).GetAsync();
        if (view is null)
        {
            return ApiResults.NotFound("code", code);
        }
        return TypedResults.Ok(From(view.Profile));
    }

    /// <summary>The card of a registered site.</summary>
    internal static SiteCardResponse From(SiteProfile profile)
    {
        var facts = new SiteFacts(profile.Kind, ServiceCapability.None,
            new StaffCounts(profile.FullTimeStaff, profile.PartTimeStaff, profile.Volunteers), HasServiceWindow: false,
            HasComputer: false, HasServiceSpace: false, HasAssessmentEquipment: false);
        var assessment = ServiceLevels.Assess(facts);
        var checklist = StandardisationChecklist.Evaluate(profile.Kind, new Dictionary<string, bool>(StringComparer.Ordinal));
        var failing = checklist.FailedMandatory.Concat(checklist.FailedOptional)
            .Select(i => new CardChecklistItem(i.Id, i.English, i.Chinese, i.Mandatory));
        return new SiteCardResponse(profile.Code, profile.Name, profile.Kind.ToToken(),
            assessment.Level == ServiceLevel.None ? null : (int)assessment.Level, LevelName(assessment.Level),
            [.. assessment.MissingForNext.Select(r => new CardRequirement(r.Id, r.English, r.Chinese))],
            new CardChecklist(checklist.Verdict, checklist.UpToStandard, [.. failing]),
            [.. ServiceCatalogue.For(profile.Kind).Select(s =>
                new CardService(s.Number.ToString(CultureInfo.InvariantCulture), s.English, s.Chinese))]);
    }

    /// <summary>The level's name as in seed 003 (一级 服务好 … 四级 能宣传; 未达四级 below level 4).</summary>
    internal static string LevelName(ServiceLevel level) => level switch
    {
        ServiceLevel.Level1 => "一级 服务好",
        ServiceLevel.Level2 => "二级 能服务",
        ServiceLevel.Level3 => "三级 能经办",
        ServiceLevel.Level4 => "四级 能宣传",
        _ => "未达四级",
    };
}
