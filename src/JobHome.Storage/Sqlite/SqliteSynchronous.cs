namespace JobHome.Storage.Sqlite;

/// <summary>SQLite's <c>PRAGMA synchronous</c> level for the embedded file (always in WAL mode).</summary>
public enum SqliteSynchronous
{
    /// <summary>
    /// WAL is synced at checkpoints only: a killed process loses nothing committed; an OS crash or power loss can
    /// lose the last commits.
    /// </summary>
    Normal,

    /// <summary>
    /// WAL is synced at every commit: committed data also survives an OS crash or power loss, at the cost of one
    /// fsync per batch.
    /// </summary>
    Full,
}
