namespace JobHome.Silo.Security.Audit;

/// <summary>
/// One audit record: who (account, role), when, from where (client address), what (action, target id, reason) and how
/// it ended (HTTP status). <see cref="SitePath"/> (<c>/P/C/X/T/V/</c>) lets a subtree read its records.
/// </summary>
public sealed record AuditRecord(
    long Id,
    DateTimeOffset At,
    string Actor,
    string Role,
    string Address,
    string Action,
    string TargetId,
    string? SiteCode,
    string SitePath,
    string? Reason,
    int Status,
    string Hash);
