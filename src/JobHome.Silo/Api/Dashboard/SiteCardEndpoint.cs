using System.Globalization;
using JobHome.Domain.Checklist;
using JobHome.Domain.Levels;
using JobHome.Domain.Services;
using JobHome.Domain.Sites;
using JobHome.Domain.Validation;
using JobHome.Grains.Catalog;
using JobHome.Grains.Sites;
using JobHome.Grains.Time;

namespace JobHome.Silo.Api.Dashboard;

/// <summary>
/// <c>GET /api/sites/{code}/card</c> from the Domain's level assessment, checklist and service catalogue, over the staff
/// counts of the site record and its latest recorded assessment (<c>PUT /api/sites/{code}/assessment</c>). Without an
/// assessment the services, facilities and checklist answers count as absent (an unanswered mandatory item fails, as on
/// the paper form).
/// </summary>
internal static class SiteCardEndpoint
{
    private const string Rule = "site assessment (服务分级与规范化建设评价), seed 003 art. 10 and seed 000 annex 3";

    /// <summary>Handles the card request.</summary>
    public static async Task<IResult> GetAsync(string code, IGrainFactory grains)
    {
        var view = await grains.GetGrain<ISiteGrain>(code).GetAsync();
        if (view is null)
        {
            return ApiResults.NotFound("code", code);
        }
        return TypedResults.Ok(From(view.Profile, await grains.GetGrain<ISiteAssessmentGrain>(code).GetAsync()));
    }

    /// <summary><c>PUT /api/sites/{code}/assessment</c>: validates everything, records the assessment, answers the new card.</summary>
    public static async Task<IResult> PutAssessmentAsync(string code, SiteAssessmentRequest request, IGrainFactory grains,
        ServerClock clock)
    {
        var view = await grains.GetGrain<ISiteGrain>(code).GetAsync();
        if (view is null)
        {
            return ApiResults.NotFound("code", code);
        }
        var kind = view.Profile.Kind;
        var errors = new List<FieldError>();
        var services = ServiceCapability.None;
        var tokens = request.Services ?? [];
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i] is { } token && ServiceCapabilityTokens.All.TryGetValue(token, out var capability))
            {
                services |= capability;
            }
            else
            {
                errors.Add(new FieldError(string.Create(CultureInfo.InvariantCulture, $"services[{i}]"), tokens[i] ?? string.Empty,
                    "is not a service: one of " + string.Join(' ', ServiceCapabilityTokens.All.Keys), Rule));
            }
        }
        var answers = request.Checklist ?? [];
        foreach (var id in answers.Keys.Order(StringComparer.Ordinal))
        {
            var item = StandardisationChecklist.Find(id);
            if (item is null)
            {
                errors.Add(new FieldError("checklist", id, "is not an item of the checklist", Rule));
            }
            else if (!item.AppliesToKind(kind))
            {
                errors.Add(new FieldError("checklist", id, $"is not asked of a {kind.ToToken()} site", Rule));
            }
        }
        var today = clock.Today;
        var on = request.AssessedOn ?? today;
        if (on > today)
        {
            errors.Add(new FieldError("assessedOn", on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "is in the future", Rule));
        }
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        var assessment = new SiteAssessment(services, request.ServiceWindow ?? false, request.Computer ?? false,
            request.ServiceSpace ?? false, request.AssessmentEquipment ?? false,
            [.. answers.Where(a => a.Value).Select(a => a.Key).Order(StringComparer.Ordinal)],
            [.. answers.Where(a => !a.Value).Select(a => a.Key).Order(StringComparer.Ordinal)], on);
        await grains.GetGrain<ISiteAssessmentGrain>(code).PutAsync(assessment);
        return TypedResults.Ok(From(view.Profile, assessment));
    }

    /// <summary>The card of a registered site with its latest assessment (null: none recorded).</summary>
    internal static SiteCardResponse From(SiteProfile profile, SiteAssessment? assessment)
    {
        var facts = new SiteFacts(profile.Kind, assessment?.Services ?? ServiceCapability.None,
            new StaffCounts(profile.FullTimeStaff, profile.PartTimeStaff, profile.Volunteers),
            HasServiceWindow: assessment?.HasServiceWindow ?? false, HasComputer: assessment?.HasComputer ?? false,
            HasServiceSpace: assessment?.HasServiceSpace ?? false, HasAssessmentEquipment: assessment?.HasAssessmentEquipment ?? false);
        var level = ServiceLevels.Assess(facts);
        var answers = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var yes in assessment?.ChecklistYes ?? [])
        {
            answers[yes] = true;
        }
        foreach (var no in assessment?.ChecklistNo ?? [])
        {
            answers[no] = false;
        }
        var checklist = StandardisationChecklist.Evaluate(profile.Kind, answers);
        var failing = checklist.FailedMandatory.Concat(checklist.FailedOptional)
            .Select(i => new CardChecklistItem(i.Id, i.English, i.Chinese, i.Mandatory));
        return new SiteCardResponse(profile.Code, profile.Name, profile.Kind.ToToken(),
            level.Level == ServiceLevel.None ? null : (int)level.Level, LevelName(level.Level),
            [.. level.MissingForNext.Select(r => new CardRequirement(r.Id, r.English, r.Chinese))],
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
