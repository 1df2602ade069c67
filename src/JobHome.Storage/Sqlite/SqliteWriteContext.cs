using Microsoft.Data.Sqlite;

namespace JobHome.Storage.Sqlite;

/// <summary>
/// What a write operation sees inside the writer loop's open transaction: prepared commands cached per SQL text on the
/// writer's single connection, and the batch's timestamp.
/// </summary>
internal sealed class SqliteWriteContext(SqliteConnection connection)
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The transaction of the batch being written.</summary>
    public SqliteTransaction? Transaction { get; set; }

    /// <summary>Microseconds since the Unix epoch at the start of the batch.</summary>
    public long NowMicroseconds { get; set; }

    /// <summary>The cached command for <paramref name="sql"/>, parameters cleared, enlisted in the batch transaction.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        command.Parameters.Clear();
        command.Transaction = Transaction;
        return command;
    }

    /// <summary>Disposes the cached commands (before the connection closes).</summary>
    public void DisposeCommands()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
