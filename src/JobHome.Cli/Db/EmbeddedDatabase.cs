using JobHome.Storage;
using Microsoft.Data.Sqlite;

namespace JobHome.Cli.Db;

/// <summary>Online backup and restore of the embedded SQLite file through SQLite's backup API.</summary>
internal static class EmbeddedDatabase
{
    /// <summary>The database file a silo uses under <paramref name="dataDirectory"/>.</summary>
    public static string PathIn(string dataDirectory) => new JobHomeStorageOptions { DataDirectory = dataDirectory }.EmbeddedPath;

    /// <summary>
    /// Copies the live database to <paramref name="target"/> page by page under a read transaction, so a running silo
    /// keeps writing; the copy is written next to the target and renamed over it when complete.
    /// </summary>
    public static void Backup(string source, string target)
    {
        var partial = $"{target}.partial-{Guid.NewGuid():N}";
        try
        {
            using (var from = Open(source, SqliteOpenMode.ReadOnly))
            using (var to = Open(partial, SqliteOpenMode.ReadWriteCreate))
            {
                from.BackupDatabase(to);
            }

            File.Move(partial, target, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>Checks <paramref name="path"/> is a readable, intact SQLite database; returns the problem otherwise.</summary>
    public static string? Verify(string path)
    {
        try
        {
            using var connection = Open(path, SqliteOpenMode.ReadOnly);
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check";
            var answer = command.ExecuteScalar() as string;
            return answer == "ok" ? null : $"integrity check failed: {answer}";
        }
        catch (SqliteException e)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// Replaces the database at <paramref name="target"/> with the contents of <paramref name="backup"/>; returns false,
    /// changing nothing, when another connection (a running silo) has the target open.
    /// </summary>
    /// <remarks>
    /// Detection: the target is opened in EXCLUSIVE locking mode and an exclusive transaction is started without
    /// waiting. Any other connection holding the file open in WAL mode (as a silo does for its whole life, even idle)
    /// makes that fail; once it succeeds the lock is kept until the restore is written, so no silo can open the file
    /// in between.
    /// </remarks>
    public static bool TryRestore(string backup, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        // One second of patience (0 would mean "wait forever" in ADO.NET): long enough for a silo's write to finish.
        using var to = Open(target, SqliteOpenMode.ReadWriteCreate, busyTimeoutSeconds: 1);
        try
        {
            Execute(to, "PRAGMA locking_mode = EXCLUSIVE");
            Execute(to, "BEGIN EXCLUSIVE");
            Execute(to, "COMMIT");
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)
        {
            return false;
        }

        using var from = Open(backup, SqliteOpenMode.ReadOnly);
        from.BackupDatabase(to);
        return true;
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode, int busyTimeoutSeconds = 30)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = busyTimeoutSeconds,
        }.ConnectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
