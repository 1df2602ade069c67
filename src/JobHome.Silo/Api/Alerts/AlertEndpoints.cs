using JobHome.Domain.Indicators;
using JobHome.Domain.People;
using JobHome.Grains.SiteRecords;
using JobHome.Grains.People;
using JobHome.Grains.Time;
using JobHome.Silo.Api.Common;

namespace JobHome.Silo.Api.Alerts;

/// <summary><c>GET /api/sites/{code}/alerts</c>: what staff must act on in a site's subtree.</summary>
internal static class AlertEndpoints
{
    /// <summary>Maps the alert endpoint onto <paramref name="api"/>.</summary>
    public static void MapAlertEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/sites/{code}/alerts", GetAsync).WithTags("Sites")
            .WithSummary("Overdue zero-employment households and seekers unemployed over 3 months without follow-up, in the subtree.")
            .Produces<SiteAlertsResponse>();

    private static async Task<IResult> GetAsync(string code, IGrainFactory grains, ServerClock clock, CancellationToken cancellationToken)
    {
        var alerts = await ReadAsync(grains, code, clock.Today, cancellationToken);
        return alerts is null ? ApiResults.NotFound("code", code) : TypedResults.Ok(alerts);
    }

    /// <summary>The alerts of <paramref name="code"/>'s subtree on <paramref name="today"/>, or null for an unknown site.</summary>
    internal static async Task<SiteAlertsResponse?> ReadAsync(IGrainFactory grains, string code, DateOnly today,
        CancellationToken cancellationToken)
    {
        var codes = await SubtreeWalker.CodesAsync(grains, code, cancellationToken);
        if (codes is null)
        {
            return null;
        }
        var households = new List<HouseholdAlert>();
        var seekers = new List<SeekerAlert>();
        foreach (var site in codes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var directory = grains.GetGrain<ISiteDirectoryGrain>(site);
            var householdViews = await Task.WhenAll((await directory.GetHouseholdsAsync())
                .Select(id => grains.GetGrain<IHouseholdGrain>(id).GetAsync()));
            households.AddRange(householdViews
                .Where(h => h is { Overdue: true, ZeroEmploymentSince: not null } && h.SiteCode == site)
                .Select(h => new HouseholdAlert(h!.Id, h.SiteCode, h.ZeroEmploymentSince!.Value,
                    IndicatorDefinitions.ZeroEmploymentOverdueFrom(h.ZeroEmploymentSince.Value))));
            var seekerViews = await Task.WhenAll((await directory.FindSeekersAsync(string.Empty))
                .Select(id => grains.GetGrain<ISeekerGrain>(id).GetAsync()));
            foreach (var s in seekerViews)
            {
                if (s is null || s.SiteCode != site || s.Status != LabourStatus.Unemployed
                    || !IndicatorDefinitions.UnemployedOverThreeMonths(s.StatusSince, today))
                {
                    continue;
                }
                var followedUp = s.FollowUps.Any(f => f.Date >= s.StatusSince);
                if (!followedUp)
                {
                    DateOnly? last = s.FollowUps.Length == 0 ? null : s.FollowUps.Max(f => f.Date);
                    seekers.Add(new SeekerAlert(s.Id, s.SiteCode, s.StatusSince, last));
                }
            }
        }
        return new SiteAlertsResponse(code, today, [.. households], [.. seekers]);
    }
}
