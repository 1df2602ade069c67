using JobHome.Grains;
using JobHome.Grains.SiteRecords;
using JobHome.Grains.People;
using JobHome.Grains.Time;

namespace JobHome.Silo.Api.Households;

/// <summary><c>/api/households</c>: households and their zero-employment state (零就业家庭).</summary>
internal static class HouseholdEndpoints
{
    /// <summary>Maps the household endpoints onto <paramref name="api"/>.</summary>
    public static void MapHouseholdEndpoints(this RouteGroupBuilder api)
    {
        var households = api.MapGroup("/households").WithTags("Households");
        households.MapPost("/", RegisterAsync).WithSummary("Registers a household with its members; 201 with the system-assigned id.")
            .Produces<HouseholdResponse>(StatusCodes.Status201Created);
        households.MapPut("/{id}", CorrectAsync).WithSummary("Corrects a household's site or members.").Produces<HouseholdResponse>();
        households.MapGet("/{id}", GetAsync).WithSummary("A household with zeroEmployment, zeroEmploymentSince and overdue.")
            .Produces<HouseholdResponse>();
    }

    private static async Task<IResult> RegisterAsync(HouseholdRequest request, IGrainFactory grains, ServerClock clock) =>
        await SaveAsync(RecordIds.New(RecordIds.Household, clock.Time), request, grains, created: true);

    private static async Task<IResult> CorrectAsync(string id, HouseholdRequest request, IGrainFactory grains)
    {
        if (await grains.GetGrain<IHouseholdGrain>(id).GetAsync() is null)
        {
            return ApiResults.NotFound("id", id);
        }
        return await SaveAsync(id, request, grains, created: false);
    }

    private static async Task<IResult> GetAsync(string id, IGrainFactory grains)
    {
        var view = await grains.GetGrain<IHouseholdGrain>(id).GetAsync();
        return view is null ? ApiResults.NotFound("id", id) : TypedResults.Ok(HouseholdResponse.From(view));
    }

    /// <summary>
    /// A household request's own checks (site code, at least one member), shared with the imports; returns the site code.
    /// </summary>
    internal static string Check(HouseholdRequest request, FieldChecks checks)
    {
        var siteCode = checks.Text("siteCode", request.SiteCode, "site code (网点编码)");
        if (request.MemberIds is not { Length: > 0 })
        {
            checks.Add("memberIds", string.Empty, "needs at least one member", "household members (家庭成员)");
        }
        return siteCode;
    }

    private static async Task<IResult> SaveAsync(string id, HouseholdRequest request, IGrainFactory grains, bool created)
    {
        var checks = new FieldChecks();
        var siteCode = Check(request, checks);
        if (!checks.IsValid)
        {
            return ApiResults.Invalid(checks.Errors);
        }
        var grain = grains.GetGrain<IHouseholdGrain>(id);
        var result = await grain.RegisterAsync(new HouseholdRegistration(siteCode, request.MemberIds!));
        if (!result.Succeeded)
        {
            return ApiResults.From(result, _ => TypedResults.Ok());
        }
        await grains.GetGrain<ISiteDirectoryGrain>(siteCode).PutHouseholdAsync(id);
        var body = HouseholdResponse.From((await grain.GetAsync())!);
        return created ? TypedResults.Created($"/api/households/{id}", body) : TypedResults.Ok(body);
    }
}
