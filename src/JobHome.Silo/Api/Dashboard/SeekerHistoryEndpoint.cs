using JobHome.Grains.People;

namespace JobHome.Silo.Api.Dashboard;

/// <summary><c>GET /api/seekers/{id}/history</c>: the status changes the seeker grain keeps.</summary>
internal static class SeekerHistoryEndpoint
{
    /// <summary>Handles the request.</summary>
    public static async Task<IResult> GetAsync(string id, IGrainFactory grains)
    {
        var changes = await grains.GetGrain<ISeekerGrain>(id).GetStatusHistoryAsync();
        if (changes is null)
        {
            return ApiResults.NotFound("id", id);
        }
        var items = changes.Select((change, i) => new StatusHistoryItem(ApiTokens.Of(change.Status), change.Since,
            i + 1 < changes.Length ? changes[i + 1].Since : null, change.Cause));
        return TypedResults.Ok(new StatusHistoryResponse(id, [.. items]));
    }
}
