using JobHome.Silo.Security.Audit;
using JobHome.Storage.Startup;
using Npgsql;

namespace JobHome.Silo.Tests.Security;

/// <summary>On PostgreSQL the application's role (a member of <c>jobhome_runtime</c>) may add and read audit records, nothing more.</summary>
public sealed class PostgresAuditTests : IAsyncLifetime
{
    private readonly string _role = $"jh_app_{Guid.NewGuid():N}"[..24];
    private string _connectionString = string.Empty;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _connectionString = await TestPostgres.CreateDatabaseAsync("jobhome_audit");
        await StorageStartup.MigratePostgresAsync(_connectionString, null, CancellationToken.None);
        await ExecuteAsync(TestPostgres.AdminConnectionString, $"CREATE ROLE {_role} LOGIN PASSWORD 'app-pass' IN ROLE jobhome_runtime");
        var database = new NpgsqlConnectionStringBuilder(_connectionString).Database;
        await ExecuteAsync(TestPostgres.AdminConnectionString, $"GRANT CONNECT ON DATABASE \"{database}\" TO {_role}");
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await TestPostgres.DropDatabaseAsync(_connectionString);
        await ExecuteAsync(TestPostgres.AdminConnectionString, $"DROP ROLE IF EXISTS {_role}");
    }

    [Fact]
    public async Task RuntimeRole_InsertsAndSelects_ButCannotUpdateDeleteOrTruncate_AndTheOwnerCannotEither()
    {
        var app = new NpgsqlConnectionStringBuilder(_connectionString) { Username = _role, Password = "app-pass", Pooling = false }.ConnectionString;
        var log = new PostgresAuditLog(app);
        var first = await log.AppendAsync(Record("POST /api/seekers", "sk-1"), CancellationToken.None);
        var second = await log.AppendAsync(Record("POST /api/seekers/{id}/reveal", "sk-1"), CancellationToken.None);
        var read = await log.ReadAsync("V1", null, null, 100, CancellationToken.None);
        Assert.Equal([first.Id, second.Id], read.Select(r => r.Id));
        Assert.Equal(AuditChain.Hash(string.Empty, read[0] with { Hash = string.Empty }), read[0].Hash);
        Assert.Equal(AuditChain.Hash(read[0].Hash, read[1] with { Hash = string.Empty }), read[1].Hash);
        Assert.Empty(await log.ReadAsync("OTHER", null, null, 100, CancellationToken.None));
        // The runtime role works the rest of the schema as usual.
        Assert.Equal(0, await TestPostgres.ScalarAsync(app, "SELECT count(*) FROM orleans_storage"));

        foreach (var sql in new[] { "UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log" })
        {
            var denied = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(app, sql));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, denied.SqlState);
            // The owner (the migration role) is refused by the triggers.
            var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(_connectionString, sql));
            Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        }
        Assert.Equal(2, await TestPostgres.ScalarAsync(_connectionString, "SELECT count(*) FROM audit_log"));
    }

    private static AuditRecord Record(string action, string target) =>
        new(0, DateTimeOffset.UtcNow, "op", "site", "127.0.0.1", action, target, "V1", "/P/C/X/T/V1/", "test", 201, string.Empty);

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
