namespace JobHome.Storage.Sqlite;

/// <summary>
/// The embedded store's writer loop, for tables of the same file that are not Orleans' (the audit log): a write queued
/// here joins the batch transaction of grain states, reminders and stream rows (group commit), so the file has one writer
/// and never makes a second connection wait on its lock.
/// </summary>
public sealed class SqliteWrites
{
    private readonly SqliteStore _store;

    internal SqliteWrites(SqliteStore store) => _store = store;

    /// <summary>Full path of the database file.</summary>
    public string FilePath => _store.FilePath;

    /// <summary>
    /// Runs <paramref name="execute"/> inside the next batch transaction; completes after that batch committed. The
    /// function may run more than once (when another write of its batch fails, the rest run again in a new transaction), so
    /// it must read what it needs inside the transaction and have no other side effects.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteWriteContext, T> execute, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(execute);
        return _store.WriteAsync(execute, cancellationToken);
    }
}
