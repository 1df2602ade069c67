namespace JobHome.Storage.Schema;

/// <summary>The SQL dialect of a schema script set; names the resource folder <c>Sql/&lt;Dialect&gt;/</c>.</summary>
public enum SchemaDialect
{
    /// <summary>PostgreSQL: scripts run in one transaction under <c>pg_advisory_xact_lock</c>.</summary>
    Postgres,

    /// <summary>SQLite: scripts run in one <c>BEGIN IMMEDIATE</c> transaction.</summary>
    Sqlite,
}
