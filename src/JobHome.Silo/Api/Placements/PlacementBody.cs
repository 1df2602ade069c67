namespace JobHome.Silo.Api.Placements;

/// <summary>
/// Body of <c>POST /api/placements</c>. <c>id</c> is optional: give one (e.g. from a previous attempt) to retry safely;
/// the same request under the same id returns the same outcome.
/// </summary>
public sealed record PlacementBody(string? SeekerId, string? PostId, DateOnly? Date, string? Id = null);
