namespace JobHome.Silo.Api.Placements;

/// <summary>Body of <c>POST /api/placements/{id}/end</c>: the end date and a reason (resigned, dismissed, completed, other).</summary>
public sealed record PlacementEndBody(DateOnly? Date, string? Reason);
