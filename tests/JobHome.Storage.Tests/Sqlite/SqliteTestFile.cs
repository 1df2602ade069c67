using JobHome.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace JobHome.Storage.Tests.Sqlite;

/// <summary>A fresh database file in its own temporary folder, deleted on dispose.</summary>
public sealed class SqliteTestFile : IDisposable
{
    public SqliteTestFile()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "jobhome-sqlite-tests", Guid.NewGuid().ToString("N"));
        Path = System.IO.Path.Combine(Directory, "jobhome.db");
    }

    public string Directory { get; }

    public string Path { get; }

    internal SqliteStore OpenStore(SqliteSynchronous synchronous = SqliteSynchronous.Normal) =>
        new(new SqliteStoreOptions { Path = Path, Synchronous = synchronous }, TimeProvider.System, NullLogger<SqliteStore>.Instance);

    /// <summary>Runs a scalar query on a separate connection (what an operator would see).</summary>
    public long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A pooled handle of a still-running silo; the temp folder is cleaned by the OS.
        }
    }
}
