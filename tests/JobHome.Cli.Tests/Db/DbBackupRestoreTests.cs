using JobHome.Cli.Db;
using JobHome.Cli.Tests.Support;
using Microsoft.Data.Sqlite;

namespace JobHome.Cli.Tests.Db;

/// <summary><c>jobhome db backup</c> and <c>jobhome db restore</c> on the embedded SQLite file.</summary>
public sealed class DbBackupRestoreTests : IDisposable
{
    private readonly CliHarness _cli = new();

    private string DataDir => _cli.PathOf("data");

    private string DatabasePath => Path.Combine(DataDir, "jobhome.db");

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Backup_WhileAnotherConnectionWrites_CopiesCommittedRows()
    {
        using var silo = OpenDatabase(DatabasePath);
        Execute(silo, "PRAGMA journal_mode = WAL; CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1), (2), (3);");

        var result = await _cli.RunAsync(null, "db", "backup", "--data", DataDir, "--out", _cli.PathOf("b.db"));

        Assert.Equal(0, result.Exit);
        Assert.Contains("backed up", result.Output, StringComparison.Ordinal);
        Execute(silo, "INSERT INTO t VALUES (4)");
        using var copy = OpenDatabase(_cli.PathOf("b.db"));
        Assert.Equal(3L, Scalar(copy, "SELECT count(*) FROM t"));
        Assert.Empty(Directory.GetFiles(_cli.Dir, "b.db.partial-*"));
    }

    [Fact]
    public async Task Backup_NoDatabase_FailsAsInvalidInput()
    {
        Directory.CreateDirectory(DataDir);

        var result = await _cli.RunAsync(null, "db", "backup", "--data", DataDir, "--out", _cli.PathOf("b.db"));

        Assert.Equal(2, result.Exit);
        Assert.Contains("no embedded database", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.PathOf("b.db")));
    }

    [Fact]
    public async Task Restore_SiloStopped_ReplacesDatabaseWithBackup()
    {
        using (var db = OpenDatabase(DatabasePath))
        {
            Execute(db, "PRAGMA journal_mode = WAL; CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1);");
        }

        Assert.Equal(0, (await _cli.RunAsync(null, "db", "backup", "--data", DataDir, "--out", _cli.PathOf("b.db"))).Exit);
        using (var db = OpenDatabase(DatabasePath))
        {
            Execute(db, "INSERT INTO t VALUES (2); CREATE TABLE later (x);");
        }

        var result = await _cli.RunAsync(null, "db", "restore", "--data", DataDir, "--from", _cli.PathOf("b.db"));

        Assert.Equal(0, result.Exit);
        using var restored = OpenDatabase(DatabasePath);
        Assert.Equal(1L, Scalar(restored, "SELECT count(*) FROM t"));
        Assert.Equal(0L, Scalar(restored, "SELECT count(*) FROM sqlite_master WHERE name = 'later'"));
    }

    [Fact]
    public async Task Restore_EmptyDataFolder_CreatesDatabase()
    {
        using (var source = OpenDatabase(_cli.PathOf("b.db")))
        {
            Execute(source, "CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (42);");
        }

        var result = await _cli.RunAsync(null, "db", "restore", "--data", DataDir, "--from", _cli.PathOf("b.db"));

        Assert.Equal(0, result.Exit);
        using var restored = OpenDatabase(DatabasePath);
        Assert.Equal(42L, Scalar(restored, "SELECT v FROM t"));
    }

    [Fact]
    public async Task Restore_DatabaseOpenInAnotherConnection_RefusesAndChangesNothing()
    {
        using var silo = OpenDatabase(DatabasePath);
        Execute(silo, "PRAGMA journal_mode = WAL; CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1);");
        using (var backup = OpenDatabase(_cli.PathOf("b.db")))
        {
            Execute(backup, "CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (7), (8);");
        }

        var result = await _cli.RunAsync(null, "db", "restore", "--data", DataDir, "--from", _cli.PathOf("b.db"));

        Assert.Equal(DbExitCodes.DatabaseInUse, result.Exit);
        Assert.Contains("open in another process", result.Error, StringComparison.Ordinal);
        Assert.Equal(1L, Scalar(silo, "SELECT count(*) FROM t"));
    }

    [Fact]
    public async Task Restore_FromNotADatabase_FailsAsInvalidInput()
    {
        var bogus = _cli.Write("bogus.db", "this is not a database file, just some text long enough to have a header");

        var result = await _cli.RunAsync(null, "db", "restore", "--data", DataDir, "--from", bogus);

        Assert.Equal(2, result.Exit);
        Assert.Contains("not a usable SQLite database", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task Backup_MissingOptions_IsUsageError()
    {
        var result = await _cli.RunAsync(null, "db", "backup", "--data", DataDir);

        Assert.Equal(1, result.Exit);
        Assert.Contains("--out FILE", result.Error, StringComparison.Ordinal);
    }

    private static SqliteConnection OpenDatabase(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
