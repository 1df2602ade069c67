namespace JobHome.Silo.Api.Audit;

/// <summary>The unmasked ID number and phone of a seeker, with the id of the audit record written first.</summary>
internal sealed record RevealResponse(string SeekerId, string IdNumber, string? Phone, long AuditId);
