using System.Data.Common;

namespace JobHome.Silo.Security.Audit;

/// <summary>
/// Binds an audit record's columns to an INSERT of either store (SQLite <c>$name</c>, PostgreSQL <c>@name</c>): the one
/// list of the record's fields, so the two logs cannot drift apart. The time column is the caller's (its type differs).
/// </summary>
internal static class AuditParameters
{
    /// <summary>
    /// Adds <c>actor, role, address, action, target, site, path, reason, status, prev, hash</c> with the store's
    /// parameter <paramref name="prefix"/> (<c>"$"</c> for SQLite, empty for Npgsql); nulls become <see cref="DBNull"/>.
    /// </summary>
    public static void Bind(DbCommand command, string prefix, AuditRecord record, string? previousHash, string hash)
    {
        Add(command, prefix + "actor", record.Actor);
        Add(command, prefix + "role", record.Role);
        Add(command, prefix + "address", record.Address);
        Add(command, prefix + "action", record.Action);
        Add(command, prefix + "target", record.TargetId);
        Add(command, prefix + "site", record.SiteCode);
        Add(command, prefix + "path", record.SitePath);
        Add(command, prefix + "reason", record.Reason);
        Add(command, prefix + "status", record.Status);
        Add(command, prefix + "prev", previousHash);
        Add(command, prefix + "hash", hash);
    }

    /// <summary>Adds one parameter; null is stored as SQL NULL.</summary>
    public static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
