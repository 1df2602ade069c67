namespace JobHome.Silo.Api.Audit;

/// <summary>Body of <c>POST /api/seekers/{id}/reveal</c>: why the full number is needed (recorded in the audit log).</summary>
internal sealed record RevealRequest(string? Reason);
