using Microsoft.Data.Sqlite;

namespace JobHome.Storage.Sqlite;

/// <summary>
/// The <see cref="SqlitePreparedStatement"/>s of one open connection, prepared once per SQL text on first use and
/// finalized together (before the connection closes): the writer's context and each kept read session hold one.
/// </summary>
internal sealed class SqlitePreparedStatements(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqlitePreparedStatement> _statements = new(StringComparer.Ordinal);

    /// <summary>The prepared statement for <paramref name="sql"/> (one statement), made once.</summary>
    public SqlitePreparedStatement For(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = new SqlitePreparedStatement(connection, sql);
            _statements.Add(sql, statement);
        }

        return statement;
    }

    /// <summary>Finalizes every statement made so far.</summary>
    public void Dispose()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
    }
}
