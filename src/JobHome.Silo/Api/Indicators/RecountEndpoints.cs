using JobHome.Domain.Validation;
using JobHome.Grains.Indicators;
using JobHome.Grains.Time;

namespace JobHome.Silo.Api.Indicators;

/// <summary>
/// <c>POST /api/indicators/{siteCode}/recount[?repair=true]</c>: the operators' recount of a subtree from the records
/// (see docs/grains.md, Recount): whether every aggregator of the subtree equals it, the root's live and recounted
/// indicators, and every difference per site; with <c>repair=true</c> the aggregators are corrected first.
/// </summary>
internal static class RecountEndpoints
{
    private const string RepairRule = "repair (修复): true or false";

    /// <summary>Maps the recount endpoint onto <paramref name="api"/>.</summary>
    public static void MapRecountEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/indicators/{siteCode}/recount", RecountAsync).WithTags("Indicators")
            .WithSummary("Recount a subtree's indicators from the records and compare with every aggregator (optionally repair).")
            .Produces<RecountResponse>();
    }

    private static async Task<IResult> RecountAsync(string siteCode, string? repair, IGrainFactory grains, ServerClock clock,
        CancellationToken cancellationToken)
    {
        bool repairing = false;
        if (repair is not null && !bool.TryParse(repair, out repairing))
        {
            return ApiResults.Invalid([new FieldError("repair", repair, "is not true or false", RepairRule)]);
        }
        var report = await new SubtreeRecount(grains).RunAsync(siteCode, repairing, cancellationToken);
        if (report is null)
        {
            return ApiResults.NotFound("siteCode", siteCode);
        }
        var today = clock.Today;
        return TypedResults.Ok(new RecountResponse(
            report.SiteCode,
            report.Matches,
            repairing,
            RecountCounts.From(report.Live, today),
            RecountCounts.From(report.Recounted, today),
            report.Sites,
            report.Records,
            report.Corrected,
            [.. report.Differences.Select(d => new RecountDifferenceResponse(d.SiteCode, d.Indicator, d.Live, d.Recounted))]));
    }
}
