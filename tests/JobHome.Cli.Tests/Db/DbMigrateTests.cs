using JobHome.Cli.Db;
using JobHome.Cli.Tests.Support;
using Npgsql;

namespace JobHome.Cli.Tests.Db;

/// <summary><c>jobhome db migrate</c> against fresh databases of the test PostgreSQL server.</summary>
public sealed class DbMigrateTests : IAsyncLifetime, IDisposable
{
    private readonly CliHarness _cli = new();
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await TestPostgres.CreateDatabaseAsync("pg_cli");

    public Task DisposeAsync() => TestPostgres.DropDatabaseAsync(_connectionString);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Migrate_FreshDatabase_AppliesSchemaThenReportsCurrent()
    {
        var first = await _cli.RunAsync(null, "db", "migrate", "--connection", _connectionString);
        var second = await _cli.RunAsync(null, "db", "migrate", "--connection", _connectionString);

        Assert.Equal(0, first.Exit);
        Assert.Contains("schema migrated from version 0 to", first.Output, StringComparison.Ordinal);
        Assert.Contains("0001_orleans_query", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.Exit);
        Assert.Contains("schema is current", second.Output, StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM OrleansQuery", connection);
        Assert.True((long)(await command.ExecuteScalarAsync())! >= 26);
    }

    [Fact]
    public async Task Migrate_WrongPassword_FailsWithoutPassword()
    {
        var wrong = new NpgsqlConnectionStringBuilder(_connectionString) { Password = "wrong-cli-password-93" }.ConnectionString;

        var result = await _cli.RunAsync(null, "db", "migrate", "--connection", wrong);

        Assert.Equal(DbExitCodes.DatabaseUnavailable, result.Exit);
        Assert.Contains("password was refused", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-cli-password-93", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_NoConnection_IsUsageError()
    {
        var result = await _cli.RunAsync(null, "db", "migrate");

        Assert.Equal(1, result.Exit);
        Assert.Contains("--connection CS is required", result.Error, StringComparison.Ordinal);
    }
}
