using JobHome.Grains;
using JobHome.Grains.Placements;
using JobHome.Grains.Time;
using JobHome.Silo.Security.Access;

namespace JobHome.Silo.Api.Placements;

/// <summary><c>/api/placements</c>: a seeker takes an opening of a post; ending makes the seeker unemployed again.</summary>
internal static class PlacementEndpoints
{
    /// <summary>Maps the placement endpoints onto <paramref name="api"/>.</summary>
    public static void MapPlacementEndpoints(this RouteGroupBuilder api)
    {
        var placements = api.MapGroup("/placements").WithTags("Placements");
        placements.MapPost("/", PlaceAsync)
            .WithSummary("Places a seeker in a post; 409 when the post has no opening left, the seeker is employed or a rule refuses.")
            .Produces<PlacementResponse>(StatusCodes.Status201Created);
        placements.MapPost("/{id}/end", EndAsync).WithSummary("Ends a placement: the seeker is unemployed from the date.")
            .Produces<PlacementResponse>();
        placements.MapGet("/{id}", GetAsync).WithSummary("A placement and how far its steps got.").Produces<PlacementResponse>();
    }

    private static async Task<IResult> PlaceAsync(PlacementBody body, IGrainFactory grains, ServerClock clock, PlacementSeekers placements)
    {
        var checks = new FieldChecks();
        var seekerId = checks.Text("seekerId", body.SeekerId, "seeker (求职者)");
        var postId = checks.Text("postId", body.PostId, "post (岗位)");
        var date = checks.Required("date", body.Date, "start date (上岗日期)");
        if (!checks.IsValid)
        {
            return ApiResults.Invalid(checks.Errors);
        }
        var id = string.IsNullOrWhiteSpace(body.Id) ? RecordIds.New(RecordIds.Placement, clock.Time) : body.Id;
        var answer = await grains.Reference<IPlacementGrain>(id).PlaceAndGetAsync(new PlacementRequest(seekerId, postId, date));
        if (!answer.Result.Succeeded)
        {
            return ApiResults.From(answer.Result, _ => TypedResults.Ok());
        }
        // The id now names this placement for good: a later request on it (an end) finds its seeker without a read.
        placements.Note(id, answer.View!.Request.SeekerId);
        return TypedResults.Created($"/api/placements/{id}", PlacementResponse.From(answer.View));
    }

    private static async Task<IResult> EndAsync(string id, PlacementEndBody body, IGrainFactory grains)
    {
        var grain = grains.Reference<IPlacementGrain>(id);
        var checks = new FieldChecks();
        var date = checks.Required("date", body.Date, "end date (离岗日期)");
        var reason = checks.EndReasonOf("reason", body.Reason);
        if (!checks.IsValid)
        {
            // An unknown placement is answered 404 before its body's errors.
            return await grain.GetAsync() is null ? ApiResults.NotFound("id", id) : ApiResults.Invalid(checks.Errors);
        }
        // The grain refuses an unknown placement itself (nothing written), so a valid end costs no read before it.
        // One call: the end and the placement after it.
        var answer = await grain.EndAndGetAsync(new PlacementEnd(date, reason));
        var result = answer.Result;
        if (result.Outcome == CommandOutcome.NotFound && result.Errors.All(e => e.Field == "id"))
        {
            return ApiResults.NotFound("id", id);
        }
        return result.Succeeded
            ? TypedResults.Ok(PlacementResponse.From(answer.View!))
            : ApiResults.From(result, _ => TypedResults.Ok());
    }

    private static async Task<IResult> GetAsync(string id, IGrainFactory grains)
    {
        var view = await grains.GetGrain<IPlacementGrain>(id).GetAsync();
        return view is null ? ApiResults.NotFound("id", id) : TypedResults.Ok(PlacementResponse.From(view));
    }
}
