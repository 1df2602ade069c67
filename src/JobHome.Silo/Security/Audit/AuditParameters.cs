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
        ArgumentNullException.ThrowIfNull(record);
        // Every audited request binds these: the names are made once per prefix, not per request.
        var names = prefix switch
        {
            "$" => SqliteNames,
            "" => Columns,
            _ => [.. Columns.Select(c => prefix + c)],
        };
        Add(command, names[0], record.Actor);
        Add(command, names[1], record.Role);
        Add(command, names[2], record.Address);
        Add(command, names[3], record.Action);
        Add(command, names[4], record.TargetId);
        Add(command, names[5], record.SiteCode);
        Add(command, names[6], record.SitePath);
        Add(command, names[7], record.Reason);
        Add(command, names[8], record.Status);
        Add(command, names[9], previousHash);
        Add(command, names[10], hash);
    }

    private static readonly string[] Columns = ["actor", "role", "address", "action", "target", "site", "path", "reason", "status", "prev", "hash"];

    private static readonly string[] SqliteNames = [.. Columns.Select(c => "$" + c)];

    /// <summary>Adds one parameter; null is stored as SQL NULL.</summary>
    public static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
