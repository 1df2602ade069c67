using Microsoft.Data.Sqlite;

namespace JobHome.Storage.Sqlite;

/// <summary>
/// A read connection the store keeps open with its prepared statements (<see cref="SqliteStore.RentRead"/>), used by one
/// reader at a time: a grain activation's state read binds and steps a statement prepared long ago instead of taking a
/// connection from the pool and preparing its query again. It reads beside the writer like any reader (WAL); a read's
/// snapshot ends when its statement is reset.
/// </summary>
internal sealed class SqliteReadSession : IDisposable
{
    private readonly SqlitePreparedStatements _statements;

    /// <summary>Wraps <paramref name="connection"/>, which must be open (the session disposes it).</summary>
    public SqliteReadSession(SqliteConnection connection)
    {
        Connection = connection;
        _statements = new SqlitePreparedStatements(connection);
    }

    /// <summary>The open connection.</summary>
    public SqliteConnection Connection { get; }

    /// <summary>The session's prepared statement for <paramref name="sql"/>, made once.</summary>
    public SqlitePreparedStatement Statement(string sql) => _statements.For(sql);

    /// <summary>Finalizes the statements and closes the connection.</summary>
    public void Dispose()
    {
        _statements.Dispose();
        Connection.Dispose();
    }
}
