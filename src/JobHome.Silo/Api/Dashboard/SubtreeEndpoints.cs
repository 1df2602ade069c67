using JobHome.Domain.Sites;
using JobHome.Grains.Catalog;
using JobHome.Grains.Indicators;
using JobHome.Grains.Sites;
using JobHome.Grains.Time;
using JobHome.Silo.Api.Indicators;

namespace JobHome.Silo.Api.Dashboard;

/// <summary>A site's children with their indicators, and the map of its subtree.</summary>
internal static class SubtreeEndpoints
{
    /// <summary><c>GET /api/sites/{code}/children/indicators</c>.</summary>
    public static async Task<IResult> ChildrenIndicatorsAsync(string code, IGrainFactory grains, ServerClock clock,
        CancellationToken cancellationToken)
    {
        var items = await ChildrenAsync(grains, code, cancellationToken);
        return items is null
            ? ApiResults.NotFound("code", code)
            : TypedResults.Ok(new ChildrenIndicatorsResponse(code, clock.Today, items));
    }

    /// <summary>The children of <paramref name="code"/> with their indicators, or null for an unknown site.</summary>
    internal static async Task<ChildIndicatorsItem[]?> ChildrenAsync(IGrainFactory grains, string code,
        CancellationToken cancellationToken)
    {
        var view = await grains.GetGrain<ISiteGrain>(code).GetAsync();
        if (view is null)
        {
            return null;
        }
        var children = await Batches.SelectAsync(view.Children, async child =>
        {
            var site = await grains.GetGrain<ISiteGrain>(child).GetAsync();
            var indicators = await grains.GetGrain<ISiteIndicatorsGrain>(child).GetAsync();
            return site is null
                ? null
                : new ChildIndicatorsItem(child, site.Profile.Name, site.Profile.Kind.ToToken(), IndicatorsResponse.From(indicators));
        }, cancellationToken);
        return [.. children.OfType<ChildIndicatorsItem>().OrderBy(c => c.Code, StringComparer.Ordinal)];
    }

    /// <summary><c>GET /api/sites/{code}/map</c>: the subtree from the site catalogue, each site's rate from its aggregator.</summary>
    public static async Task<IResult> MapAsync(string code, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await grains.GetGrain<ISiteGrain>(code).GetAsync() is null)
        {
            return ApiResults.NotFound("code", code);
        }
        var entries = await SiteCatalog.SubtreeAsync(grains, code);
        var rates = await Batches.SelectAsync(entries, async entry =>
            (await grains.GetGrain<ISiteIndicatorsGrain>(entry.Code).GetAsync()).EmploymentRate, cancellationToken);
        var items = entries.Select((e, i) => new SiteMapItem(e.Code, e.Name, e.Kind.ToToken(), e.ParentCode, e.Lat, e.Lon, rates[i]));
        return TypedResults.Ok(new SiteMapResponse(code, [.. items]));
    }
}
