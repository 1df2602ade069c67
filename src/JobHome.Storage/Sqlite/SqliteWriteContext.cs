using Microsoft.Data.Sqlite;

namespace JobHome.Storage.Sqlite;

/// <summary>
/// What a write operation sees inside the writer loop's open transaction: prepared commands cached per SQL text on the
/// writer's single connection, and the batch's timestamp. Public so that the silo's own tables in the same file (the
/// audit log) join the writer's batches through <see cref="SqliteWrites"/> instead of competing for the file's lock.
/// </summary>
public sealed class SqliteWriteContext
{
    private readonly SqliteConnection _connection;

    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    private readonly SqlitePreparedStatements _statements;

    internal SqliteWriteContext(SqliteConnection connection)
    {
        _connection = connection;
        _statements = new SqlitePreparedStatements(connection);
    }

    /// <summary>The transaction of the batch being written.</summary>
    public SqliteTransaction? Transaction { get; internal set; }

    /// <summary>Microseconds since the Unix epoch at the start of the batch.</summary>
    public long NowMicroseconds { get; internal set; }

    /// <summary>The cached command for <paramref name="sql"/>, parameters cleared, enlisted in the batch transaction.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        command.Parameters.Clear();
        command.Transaction = Transaction;
        return command;
    }

    /// <summary>
    /// The prepared statement for <paramref name="sql"/> (one statement) on the writer's connection, made once per SQL
    /// text and run in the batch transaction; bind every parameter before each run. Cheaper per run than
    /// <see cref="Command"/> (no parameter objects, boxed values or readers), for statements run on every change.
    /// </summary>
    public SqlitePreparedStatement Statement(string sql) => _statements.For(sql);

    /// <summary>Disposes the cached commands and statements (before the connection closes).</summary>
    internal void DisposeCommands()
    {
        _statements.Dispose();
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
