using JobHome.Silo.Security.Audit;

namespace JobHome.Silo.Api.Audit;

/// <summary>An audit record as <c>GET /api/audit</c> lists it.</summary>
internal sealed record AuditRecordResponse(long Id, DateTimeOffset At, string Actor, string Role, string Address, string Action,
    string TargetId, string? SiteCode, string? Reason, int Status, string Hash)
{
    /// <summary>The response for <paramref name="r"/>.</summary>
    public static AuditRecordResponse From(AuditRecord r) =>
        new(r.Id, r.At, r.Actor, r.Role, r.Address, r.Action, r.TargetId, r.SiteCode, r.Reason, r.Status, r.Hash);
}
