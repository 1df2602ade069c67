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

    /// <summary>
    /// Page cache of the writer connection in KiB (<c>PRAGMA cache_size = -N</c>): keeps the upper levels of the tables'
    /// B-trees, which a bulk load otherwise re-reads for most inserts. Counts towards the silo's memory once filled (it
    /// fills only with pages the writer touches). Reads use their own small caches. SQLite's own default is 2,000 KiB.
    /// Applies once the file reaches 1 GiB; below that the writer uses <see cref="SmallFileWriterCacheKib"/>.
    /// Default: 262,144 (256 MiB; see docs/storage.md for the measurements).
    /// </summary>
    public int WriterCacheKib { get; set; } = 256 * 1024;

    /// <summary>
    /// Page cache of the writer connection in KiB while the database file is under 1 GiB (SQLite's lock-byte page; at most
    /// <see cref="WriterCacheKib"/>). Below that size a commit after a page split walks every page the writer's cache holds
    /// (SQLite moves the new pages through the lock-byte page's number, then trims the cache back to the file's size), so a
    /// large cache costs CPU on every such commit; from 1 GiB on the walk does not happen and <see cref="WriterCacheKib"/>
    /// applies. The writer checks the file's size every 256 commits. Default: 32,768 (32 MiB; docs/storage.md).
    /// </summary>
    public int SmallFileWriterCacheKib { get; set; } = 32 * 1024;

    /// <summary>
    /// WAL pages (4 KiB each) after which a commit also checkpoints the WAL into the database file
    /// (<c>PRAGMA wal_autocheckpoint</c>): a longer WAL writes a page changed by many commits once per checkpoint instead
    /// of once per checkpoint of the default 1,000 pages. The WAL file grows to about this size and is reused after each
    /// checkpoint. 0 turns automatic checkpoints off (not recommended). Default: 16,384 (64 MiB).
    /// </summary>
    public int WalAutocheckpointPages { get; set; } = 16 * 1024;
}
