namespace JobHome.Silo.Api.Seekers;

/// <summary>Body of <c>POST /api/seekers/{id}/followups</c>; <c>by</c> names the staff member (default: "staff").</summary>
public sealed record FollowUpRequest(DateOnly? Date, string? Kind, string? Note, string? By = null);
