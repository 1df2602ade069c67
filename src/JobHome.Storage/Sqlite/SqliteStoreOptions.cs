namespace JobHome.Storage.Sqlite;

/// <summary>Options of the embedded SQLite store: one file holding grain state, reminders and the stream queue.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>Path of the database file; its folder is created when missing. Default: none (required).</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>
    /// Durability of a commit. With WAL, <see cref="SqliteSynchronous.Normal"/> loses nothing committed when the process
    /// is killed (measured with SIGKILL); only an OS crash or power loss can lose the last commits.
    /// Default: <see cref="SqliteSynchronous.Full"/> (group commit makes its fsync per batch affordable; see docs/embedded.md).
    /// </summary>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>Most writes the writer loop groups into one transaction. Default: 1024.</summary>
    public int MaxBatchSize { get; set; } = 1024;

    /// <summary>How long a statement waits for another process's write lock on the file. Default: 30 s.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
