using JobHome.Grains.Placements;

namespace JobHome.Silo.Api.Placements;

/// <summary>A placement: the request, how far its steps got, and how it ended.</summary>
public sealed record PlacementResponse(string Id, string SeekerId, string PostId, DateOnly Date, string Step, DateOnly? EndDate,
    string? EndReason)
{
    /// <summary>The response for a stored placement.</summary>
    internal static PlacementResponse From(PlacementView v) => new(v.Id, v.Request.SeekerId, v.Request.PostId, v.Request.Start,
        v.Step.ToString(), v.End?.Date, v.End is { } end ? ApiTokens.Of(end.Reason) : null);
}
