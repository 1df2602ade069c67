using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;

namespace JobHome.Storage.Sqlite;

/// <summary>
/// INTERIM, replace with the schema migrator (src/JobHome.Storage/Schema) when it merges: applies the embedded
/// <c>JobHome.Storage.Sql.Sqlite.NNNN_name.sql</c> scripts that are missing from <c>schema_version</c>, in order, in one
/// <c>BEGIN IMMEDIATE</c> transaction. It keeps the migrator's table shape so a file prepared here stays valid for it.
/// </summary>
internal static class InterimSqliteSchemaApplier
{
    private const string ResourcePrefix = "JobHome.Storage.Sql.Sqlite.";

    /// <summary>Applies the missing scripts on <paramref name="connection"/>; a no-op when the file is current.</summary>
    public static void Apply(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, transaction, """
            CREATE TABLE IF NOT EXISTS schema_version (
                version    INTEGER NOT NULL PRIMARY KEY,
                name       TEXT    NOT NULL,
                applied_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
            )
            """);
        using var current = connection.CreateCommand();
        current.Transaction = transaction;
        current.CommandText = "SELECT coalesce(max(version), 0) FROM schema_version";
        var applied = Convert.ToInt32(current.ExecuteScalar(), CultureInfo.InvariantCulture);
        foreach (var (version, name, sql) in Scripts())
        {
            if (version <= applied)
            {
                continue;
            }

            Execute(connection, transaction, sql);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, name) VALUES ($version, $name)";
            record.Parameters.AddWithValue("$version", version);
            record.Parameters.AddWithValue("$name", name);
            record.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static IEnumerable<(int Version, string Name, string Sql)> Scripts()
    {
        var assembly = typeof(InterimSqliteSchemaApplier).Assembly;
        var scripts = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            // The csproj's LogicalName keeps the folder separator of %(RecursiveDir) ("Sql.Sqlite/0001_…"); accept both.
            var normalized = resource.Replace('/', '.').Replace('\\', '.');
            if (!normalized.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !normalized.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var name = normalized[ResourcePrefix.Length..^".sql".Length];
            var version = int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
            scripts.Add((version, name, Read(assembly, resource)));
        }

        if (scripts.Count == 0)
        {
            throw new InvalidOperationException($"No embedded SQLite schema scripts ({ResourcePrefix}*.sql) in {assembly.GetName().Name}.");
        }

        return scripts.OrderBy(s => s.Item1);
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
