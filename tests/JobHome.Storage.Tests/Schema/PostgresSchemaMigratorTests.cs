using System.Reflection;
using JobHome.Storage.Schema;
using Npgsql;

namespace JobHome.Storage.Tests.Schema;

/// <summary>The migrator and this build's PostgreSQL scripts on fresh databases of the test server.</summary>
public sealed class PostgresSchemaMigratorTests : IAsyncLifetime
{
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await TestPostgres.CreateDatabaseAsync("pg_schema");

    public Task DisposeAsync() => TestPostgres.DropDatabaseAsync(_connectionString);

    [Fact]
    public async Task MigrateAsync_FreshDatabase_AppliesEveryScriptInOrder()
    {
        var migrator = SchemaMigrator.ForEmbeddedScripts(SchemaDialect.Postgres);
        await using var connection = await OpenAsync();

        var result = await migrator.MigrateAsync(connection, CancellationToken.None);

        Assert.Equal(0, result.FromVersion);
        Assert.Equal(migrator.LatestVersion, result.ToVersion);
        Assert.Equal(Enumerable.Range(1, migrator.LatestVersion), result.Applied.Select(s => s.Version));
        Assert.Equal(Enumerable.Range(1, migrator.LatestVersion), await ReadVersionsAsync(connection));
        Assert.True(migrator.LatestVersion >= 5);
    }

    [Fact]
    public async Task MigrateAsync_SecondRun_IsNoOp()
    {
        var migrator = SchemaMigrator.ForEmbeddedScripts(SchemaDialect.Postgres);
        await using var connection = await OpenAsync();
        await migrator.MigrateAsync(connection, CancellationToken.None);

        var second = await migrator.MigrateAsync(connection, CancellationToken.None);

        Assert.Empty(second.Applied);
        Assert.Equal(migrator.LatestVersion, second.FromVersion);
        Assert.Equal(Enumerable.Range(1, migrator.LatestVersion), await ReadVersionsAsync(connection));
        Assert.True((await migrator.GetStatusAsync(connection, CancellationToken.None)).IsCurrent);
    }

    [Fact]
    public async Task MigrateAsync_TwoMigratorsRacing_ApplyEachScriptOnce()
    {
        var migrator = SchemaMigrator.ForEmbeddedScripts(SchemaDialect.Postgres);
        await using var holder = await OpenAsync();
        await ExecuteAsync(holder, $"SELECT pg_advisory_lock({SchemaMigrator.PostgresLockKey})");
        await using var first = await OpenAsync();
        await using var second = await OpenAsync();

        // Both start while the lock is held, so both are inside MigrateAsync when it is released.
        var racing = new[]
        {
            migrator.MigrateAsync(first, CancellationToken.None),
            migrator.MigrateAsync(second, CancellationToken.None),
        };
        await WaitForLockWaitersAsync(holder, 2);
        await ExecuteAsync(holder, $"SELECT pg_advisory_unlock({SchemaMigrator.PostgresLockKey})");
        var results = await Task.WhenAll(racing);

        Assert.Equal(migrator.LatestVersion, results.Sum(r => r.Applied.Count));
        Assert.Contains(results, r => r.Applied.Count == 0);
        Assert.Equal(Enumerable.Range(1, migrator.LatestVersion), await ReadVersionsAsync(holder));
    }

    [Fact]
    public async Task MigrateAsync_SchemaNewerThanBuild_ThrowsAndChangesNothing()
    {
        var migrator = SchemaMigrator.ForEmbeddedScripts(SchemaDialect.Postgres);
        await using var connection = await OpenAsync();
        await migrator.MigrateAsync(connection, CancellationToken.None);
        var future = migrator.LatestVersion + 1;
        await ExecuteAsync(connection, $"INSERT INTO schema_version (version, name) VALUES ({future}, 'from_the_future')");

        var error = await Assert.ThrowsAsync<SchemaVersionException>(() => migrator.MigrateAsync(connection, CancellationToken.None));

        Assert.Equal(future, error.DatabaseVersion);
        Assert.Contains($"version {future}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"up to {migrator.LatestVersion}", error.Message, StringComparison.Ordinal);
        Assert.True((await migrator.GetStatusAsync(connection, CancellationToken.None)).IsNewer);
    }

    [Fact]
    public async Task MigrateAsync_FreshDatabase_DefinesEveryQueryKeyOrleansRequires()
    {
        await using var connection = await OpenAsync();
        await SchemaMigrator.ForEmbeddedScripts(SchemaDialect.Postgres).MigrateAsync(connection, CancellationToken.None);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        // The providers check their keys against the properties of their internal DbStoredQueries class.
        var required = new[]
        {
            typeof(Orleans.Hosting.AdoNetHostingExtensions),
            typeof(Orleans.Configuration.AdoNetReminderTableOptions),
            typeof(Orleans.Hosting.SiloBuilderAdoNetStreamExtensions),
        }
            .SelectMany(RequiredKeys)
            .Concat(["WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey"])
            .ToList();

        Assert.True(required.Count >= 26, $"only {required.Count} keys found by reflection");
        var missing = required.Where(k => !keys.Contains(k)).ToList();
        Assert.True(missing.Count == 0, $"missing query keys: {string.Join(", ", missing)}");
    }

    private static IEnumerable<string> RequiredKeys(Type providerType)
    {
        var stored = providerType.Assembly.GetTypes().Single(t => t.Name == "DbStoredQueries");
        return stored.GetProperties(BindingFlags.Instance | BindingFlags.NonPublic).Select(p => p.Name);
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<int>> ReadVersionsAsync(NpgsqlConnection connection)
    {
        var versions = new List<int>();
        await using var command = new NpgsqlCommand("SELECT version FROM schema_version ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    // No event tells that a backend waits on an advisory lock; poll pg_locks with a deadline.
    private static async Task WaitForLockWaitersAsync(NpgsqlConnection connection, int waiters)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = "
                + "(SELECT oid FROM pg_database WHERE datname = current_database())", connection);
            var count = (long)(await command.ExecuteScalarAsync())!;
            if (count >= waiters)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{count} of {waiters} migrators waited on the schema lock after 30 s.");
            }

            await Task.Delay(20);
        }
    }
}
