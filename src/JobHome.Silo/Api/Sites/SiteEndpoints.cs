using JobHome.Domain.Indicators;
using JobHome.Grains.History;
using JobHome.Grains.Sites;

namespace JobHome.Silo.Api.Sites;

/// <summary><c>/api/sites</c>: register, correct and read sites and their children.</summary>
internal static class SiteEndpoints
{
    /// <summary>Maps the site endpoints onto <paramref name="api"/>.</summary>
    public static void MapSiteEndpoints(this RouteGroupBuilder api)
    {
        var sites = api.MapGroup("/sites").WithTags("Sites");
        sites.MapPost("/", RegisterAsync).WithSummary("Registers a site (就业之家) under its parent.")
            .Produces<SiteResponse>(StatusCodes.Status201Created);
        sites.MapPut("/{code}", CorrectAsync).WithSummary("Corrects a site's profile (kind and parent cannot change).")
            .Produces<SiteResponse>();
        sites.MapGet("/{code}", GetAsync).WithSummary("A site with the codes of its children.").Produces<SiteResponse>();
        sites.MapGet("/{code}/children", GetChildrenAsync).WithSummary("The child sites of a site.").Produces<SiteResponse[]>();
    }

    private static async Task<IResult> RegisterAsync(SiteRequest request, IGrainFactory grains)
    {
        var checks = new FieldChecks();
        var profile = Read(request, checks);
        if (!checks.IsValid)
        {
            return ApiResults.Invalid(checks.Errors);
        }
        var result = await grains.GetGrain<ISiteGrain>(profile.Code).RegisterAsync(profile);
        if (result.Succeeded)
        {
            // Daily indicator points from the day the site exists (the history's reminder keeps recording from here on).
            await grains.GetGrain<IIndicatorHistoryGrain>(profile.Code).RecordAndGetAsync();
        }
        return await RespondAsync(result, grains, created: true);
    }

    private static async Task<IResult> CorrectAsync(string code, SiteRequest request, IGrainFactory grains)
    {
        var grain = grains.GetGrain<ISiteGrain>(code);
        if (await grain.GetAsync() is null)
        {
            return ApiResults.NotFound("code", code);
        }
        var checks = new FieldChecks();
        var profile = Read(request with { Code = request.Code ?? code }, checks);
        if (!checks.IsValid)
        {
            return ApiResults.Invalid(checks.Errors);
        }
        var result = await grain.RegisterAsync(profile);
        return await RespondAsync(result, grains, created: false);
    }

    private static async Task<IResult> GetAsync(string code, IGrainFactory grains)
    {
        var view = await grains.GetGrain<ISiteGrain>(code).GetAsync();
        return view is null ? ApiResults.NotFound("code", code) : TypedResults.Ok(SiteResponse.From(view));
    }

    private static async Task<IResult> GetChildrenAsync(string code, IGrainFactory grains)
    {
        var view = await grains.GetGrain<ISiteGrain>(code).GetAsync();
        if (view is null)
        {
            return ApiResults.NotFound("code", code);
        }
        var children = await Task.WhenAll(view.Children.Select(child => grains.GetGrain<ISiteGrain>(child).GetAsync()));
        return TypedResults.Ok(children.OfType<SiteView>().Select(SiteResponse.From).ToArray());
    }

    private static async Task<IResult> RespondAsync(Grains.CommandResult result, IGrainFactory grains, bool created)
    {
        if (!result.Succeeded)
        {
            return ApiResults.From(result, _ => TypedResults.Ok());
        }
        var view = await grains.GetGrain<ISiteGrain>(result.Id!).GetAsync();
        var body = SiteResponse.From(view!);
        return created ? TypedResults.Created($"/api/sites/{Uri.EscapeDataString(body.Code)}", body) : TypedResults.Ok(body);
    }

    internal static SiteProfile Read(SiteRequest request, FieldChecks checks)
    {
        var code = checks.Text("code", request.Code, "site code (网点编码)");
        var name = checks.Text("name", request.Name, "site name (网点名称)");
        var kind = checks.SiteKindOf("kind", request.Kind);
        var lat = checks.Required("lat", request.Lat, "location (位置)");
        var lon = checks.Required("lon", request.Lon, "location (位置)");
        var level = request.CreationLevel switch
        {
            null or "" or "county" => CreationLevel.County,
            "city" => CreationLevel.City,
            _ => Bad(checks, request.CreationLevel),
        };
        return new SiteProfile(code, name, kind, string.IsNullOrEmpty(request.ParentCode) ? null : request.ParentCode, lat, lon,
            request.Rural ?? false)
        {
            FullTimeStaff = request.FullTimeStaff ?? 0,
            PartTimeStaff = request.PartTimeStaff ?? 0,
            Volunteers = request.Volunteers ?? 0,
            CreationLevel = level,
        };
    }

    private static CreationLevel Bad(FieldChecks checks, string value)
    {
        checks.Add("creationLevel", value, "must be county or city", "creation level (创建层级)");
        return CreationLevel.County;
    }
}
