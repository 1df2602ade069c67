using JobHome.Grains.Employers;
using JobHome.Grains.Sites;

namespace JobHome.Silo.Api.Employers;

/// <summary><c>/api/employers</c>: employers under their unified social credit code.</summary>
internal static class EmployerEndpoints
{
    /// <summary>Maps the employer endpoints onto <paramref name="api"/>.</summary>
    public static void MapEmployerEndpoints(this RouteGroupBuilder api)
    {
        var employers = api.MapGroup("/employers").WithTags("Employers");
        employers.MapPost("/", RegisterAsync).WithSummary("Registers an employer (用人单位) under its unified social credit code.")
            .Produces<EmployerResponse>(StatusCodes.Status201Created);
        employers.MapPut("/{creditCode}", CorrectAsync).WithSummary("Corrects an employer.").Produces<EmployerResponse>();
        employers.MapGet("/{creditCode}", GetAsync).WithSummary("An employer with its post ids.").Produces<EmployerResponse>();
    }

    private static async Task<IResult> RegisterAsync(EmployerRequest request, IGrainFactory grains)
    {
        var checks = new FieldChecks();
        var code = checks.Text("creditCode", request.CreditCode, "unified social credit code (统一社会信用代码)");
        return await SaveAsync(code, request, checks, grains, created: true);
    }

    private static async Task<IResult> CorrectAsync(string creditCode, EmployerRequest request, IGrainFactory grains)
    {
        if (await grains.GetGrain<IEmployerGrain>(creditCode).GetAsync() is null)
        {
            return ApiResults.NotFound("creditCode", creditCode);
        }
        return await SaveAsync(creditCode, request, new FieldChecks(), grains, created: false);
    }

    private static async Task<IResult> GetAsync(string creditCode, IGrainFactory grains)
    {
        var view = await grains.GetGrain<IEmployerGrain>(creditCode).GetAsync();
        return view is null ? ApiResults.NotFound("creditCode", creditCode) : TypedResults.Ok(EmployerResponse.From(view));
    }

    private static async Task<IResult> SaveAsync(string code, EmployerRequest request, FieldChecks checks, IGrainFactory grains,
        bool created)
    {
        var name = checks.Text("name", request.Name, "employer name (单位名称)");
        var siteCode = checks.Text("siteCode", request.SiteCode, "site code (网点编码)");
        if (!checks.IsValid)
        {
            return ApiResults.Invalid(checks.Errors);
        }
        var (lat, lon) = (request.Lat, request.Lon);
        if (lat is null || lon is null)
        {
            var site = await grains.GetGrain<ISiteGrain>(siteCode).GetAsync();
            if (site is null)
            {
                return ApiResults.NotFound("siteCode", siteCode);
            }
            (lat, lon) = (lat ?? site.Profile.Lat, lon ?? site.Profile.Lon);
        }
        var profile = new EmployerProfile(name, siteCode, lat.Value, lon.Value)
        {
            ContactPhone = string.IsNullOrWhiteSpace(request.ContactPhone) ? null : request.ContactPhone,
        };
        var grain = grains.GetGrain<IEmployerGrain>(code);
        var result = await grain.RegisterAsync(profile);
        if (!result.Succeeded)
        {
            return ApiResults.From(result, _ => TypedResults.Ok());
        }
        var body = EmployerResponse.From((await grain.GetAsync())!);
        return created ? TypedResults.Created($"/api/employers/{Uri.EscapeDataString(code)}", body) : TypedResults.Ok(body);
    }
}
