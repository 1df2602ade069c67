using System.Globalization;
using JobHome.Domain.Sites;
using JobHome.Domain.Validation;
using JobHome.Grains.Catalog;
using JobHome.Grains.Sites;

namespace JobHome.Silo.Api.Dashboard;

/// <summary>Site search over the whole network (the site catalogue, no tree walk) and breadcrumbs.</summary>
internal static class SiteNavigationEndpoints
{
    /// <summary>Hits when <c>limit</c> is not given.</summary>
    public const int DefaultLimit = 20;

    /// <summary>Most hits a search returns.</summary>
    public const int MaxLimit = 100;

    /// <summary><c>GET /api/sites/search?q=&amp;limit=</c>.</summary>
    public static async Task<IResult> SearchAsync(string? q, string? limit, IGrainFactory grains)
    {
        var errors = new List<FieldError>();
        var query = q?.Trim() ?? string.Empty;
        if (query.Length == 0)
        {
            errors.Add(new FieldError("q", string.Empty, "is required: a site name fragment or a code prefix", "site search (网点查询)"));
        }
        var count = DefaultLimit;
        if (!string.IsNullOrEmpty(limit)
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1 || count > MaxLimit))
        {
            errors.Add(new FieldError("limit", limit, $"must be a whole number from 1 to {MaxLimit}", "result limit (返回条数)"));
        }
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        var found = await SiteCatalog.SearchAsync(grains, query, count);
        return TypedResults.Ok(new SiteSearchResponse(
            [.. found.Select(e => new SiteSearchItem(e.Code, e.Name, e.Kind.ToToken(), e.ParentCode))]));
    }

    /// <summary><c>GET /api/sites/{code}/path</c>: read upward from the site grains (a handful of calls).</summary>
    public static async Task<IResult> PathAsync(string code, IGrainFactory grains)
    {
        var items = new List<SitePathItem>();
        string? next = code;
        while (next is not null && items.Count < 16)
        {
            var view = await grains.GetGrain<ISiteGrain>(next).GetAsync();
            if (view is null)
            {
                if (items.Count == 0)
                {
                    return ApiResults.NotFound("code", code);
                }
                break;
            }
            items.Add(new SitePathItem(view.Profile.Code, view.Profile.Name, view.Profile.Kind.ToToken()));
            next = view.Profile.ParentCode;
        }
        items.Reverse();
        return TypedResults.Ok(new SitePathResponse([.. items]));
    }
}
