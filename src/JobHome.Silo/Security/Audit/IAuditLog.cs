namespace JobHome.Silo.Security.Audit;

/// <summary>The append-only audit log: records can be added and read, never changed (the database refuses it too).</summary>
public interface IAuditLog
{
    /// <summary>Appends <paramref name="record"/> (its <c>Id</c> and <c>Hash</c> are assigned here) and returns the stored record.</summary>
    Task<AuditRecord> AppendAsync(AuditRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Records of the subtree of <paramref name="siteCode"/> (null: all) between <paramref name="from"/> and
    /// <paramref name="to"/>, oldest first, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<AuditRecord>> ReadAsync(string? siteCode, DateTimeOffset? from, DateTimeOffset? to, int limit,
        CancellationToken cancellationToken);
}
