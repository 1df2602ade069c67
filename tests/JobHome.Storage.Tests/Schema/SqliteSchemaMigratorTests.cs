using JobHome.Storage.Schema;
using Microsoft.Data.Sqlite;

namespace JobHome.Storage.Tests.Schema;

/// <summary>The migrator's SQLite path, driven by the tests' own scripts (the product's SQLite scripts are tested with the SQLite provider).</summary>
public sealed class SqliteSchemaMigratorTests : IDisposable
{
    private static readonly SchemaScript[] TestScripts =
    [
        new(1, "first", "CREATE TABLE thing (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"),
        new(2, "second", "ALTER TABLE thing ADD COLUMN size INTEGER; INSERT INTO thing (name, size) VALUES ('seed', 1);"),
        new(3, "third", "CREATE INDEX thing_name ON thing (name);"),
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("jobhome-schema-").FullName;

    private string ConnectionString => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(_folder, "test.db"),
        Pooling = false,
        DefaultTimeout = 30,
    }.ConnectionString;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task MigrateAsync_FreshFile_AppliesScriptsInOrderThenNoOp()
    {
        var migrator = new SchemaMigrator(SchemaDialect.Sqlite, TestScripts.Reverse());
        await using var connection = await OpenAsync();

        var first = await migrator.MigrateAsync(connection, CancellationToken.None);
        var second = await migrator.MigrateAsync(connection, CancellationToken.None);

        Assert.Equal([1, 2, 3], first.Applied.Select(s => s.Version));
        Assert.Empty(second.Applied);
        Assert.Equal(3, second.FromVersion);
        Assert.Equal(1L, await ScalarAsync(connection, "SELECT count(*) FROM thing"));
        Assert.Equal(3L, await ScalarAsync(connection, "SELECT count(*) FROM schema_version"));
    }

    [Fact]
    public async Task MigrateAsync_NewScriptAdded_AppliesOnlyTheNewOne()
    {
        await using var connection = await OpenAsync();
        await new SchemaMigrator(SchemaDialect.Sqlite, TestScripts.Take(2)).MigrateAsync(connection, CancellationToken.None);

        var result = await new SchemaMigrator(SchemaDialect.Sqlite, TestScripts).MigrateAsync(connection, CancellationToken.None);

        Assert.Equal(2, result.FromVersion);
        Assert.Equal([3], result.Applied.Select(s => s.Version));
    }

    [Fact]
    public async Task MigrateAsync_FourMigratorsRacing_ApplyEachScriptOnce()
    {
        var migrator = new SchemaMigrator(SchemaDialect.Sqlite, TestScripts);
        using var start = new Barrier(4);
        var racing = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var connection = await OpenAsync();
            start.SignalAndWait();
            return await migrator.MigrateAsync(connection, CancellationToken.None);
        })).ToArray();

        var results = await Task.WhenAll(racing);

        Assert.Equal(3, results.Sum(r => r.Applied.Count));
        Assert.Equal(3, results.Count(r => r.Applied.Count == 0));
        await using var check = await OpenAsync();
        Assert.Equal(1L, await ScalarAsync(check, "SELECT count(*) FROM thing"));
    }

    [Fact]
    public async Task MigrateAsync_SchemaNewerThanScripts_Throws()
    {
        await using var connection = await OpenAsync();
        await new SchemaMigrator(SchemaDialect.Sqlite, TestScripts).MigrateAsync(connection, CancellationToken.None);
        var older = new SchemaMigrator(SchemaDialect.Sqlite, TestScripts.Take(1));

        var error = await Assert.ThrowsAsync<SchemaVersionException>(() => older.MigrateAsync(connection, CancellationToken.None));

        Assert.Equal(3, error.DatabaseVersion);
        Assert.Equal(1, error.LatestVersion);
        Assert.True((await older.GetStatusAsync(connection, CancellationToken.None)).IsNewer);
    }

    [Fact]
    public async Task GetStatusAsync_EmptyFile_ReportsVersionZero()
    {
        await using var connection = await OpenAsync();

        var status = await new SchemaMigrator(SchemaDialect.Sqlite, TestScripts).GetStatusAsync(connection, CancellationToken.None);

        Assert.Equal(new SchemaStatus(0, 3), status);
        Assert.False(status.IsCurrent);
    }

    [Fact]
    public async Task MigrateAsync_FailingScript_RollsBackEveryScriptOfTheRun()
    {
        SchemaScript[] broken = [TestScripts[0], new(2, "broken", "CREATE TABLE thing (id INTEGER);")];
        await using var connection = await OpenAsync();

        await Assert.ThrowsAsync<SqliteException>(() => new SchemaMigrator(SchemaDialect.Sqlite, broken).MigrateAsync(connection, CancellationToken.None));

        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM sqlite_master WHERE name IN ('thing', 'schema_version')"));
    }

    [Fact]
    public void Constructor_GapInVersions_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new SchemaMigrator(SchemaDialect.Sqlite, [TestScripts[0], TestScripts[2]]));

        Assert.Contains("expected version 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FileName_ReadsVersionAndName()
    {
        var script = SchemaScripts.Parse("0012_orleans_streaming", "SELECT 1");

        Assert.Equal(new SchemaScript(12, "orleans_streaming", "SELECT 1"), script);
        Assert.Throws<InvalidOperationException>(() => SchemaScripts.Parse("streaming", ""));
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
