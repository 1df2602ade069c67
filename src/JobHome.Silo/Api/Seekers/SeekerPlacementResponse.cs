namespace JobHome.Silo.Api.Seekers;

/// <summary>One entry of a seeker's placement history.</summary>
public sealed record SeekerPlacementResponse(string PlacementId, string PostId, DateOnly Start, DateOnly? End, string? EndReason);
