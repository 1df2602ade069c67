using System.Net;
using System.Net.Sockets;
using JobHome.Storage.Schema;
using JobHome.Storage.Startup;
using Npgsql;

namespace JobHome.Storage.Tests.Startup;

/// <summary>Start-up on PostgreSQL: the schema is applied or checked, and every failure is an operator message without the password.</summary>
public sealed class PostgresStartupTests : IAsyncLifetime
{
    private const string WrongPassword = "not-the-password-7c1e";
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await TestPostgres.CreateDatabaseAsync("pg_startup");

    public Task DisposeAsync() => TestPostgres.DropDatabaseAsync(_connectionString);

    [Fact]
    public async Task PrepareAsync_EmptyDatabase_AppliesSchema()
    {
        await StorageStartup.PrepareAsync(Postgres(_connectionString), CancellationToken.None);

        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        var status = await SchemaMigrator.ForEmbeddedScripts(SchemaDialect.Postgres).GetStatusAsync(connection, CancellationToken.None);
        Assert.True(status.IsCurrent);
    }

    [Fact]
    public async Task PrepareAsync_SchemaAppliedSeparatelyAndMissing_FailsNamingMigrateCommand()
    {
        var options = Postgres(_connectionString);
        options.ApplySchemaOnStart = false;

        var error = await Assert.ThrowsAsync<StorageStartupException>(() => StorageStartup.PrepareAsync(options, CancellationToken.None));

        AssertNamesServer(error.Message, _connectionString);
        Assert.Contains("no JobHome schema", error.Message, StringComparison.Ordinal);
        Assert.Contains("jobhome db migrate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareAsync_SchemaAppliedSeparatelyAndCurrent_Succeeds()
    {
        await StorageStartup.MigratePostgresAsync(_connectionString, null, CancellationToken.None);
        var options = Postgres(_connectionString);
        options.ApplySchemaOnStart = false;

        await StorageStartup.PrepareAsync(options, CancellationToken.None);
    }

    [Fact]
    public async Task PrepareAsync_SchemaNewerThanBuild_FailsClearly()
    {
        await StorageStartup.MigratePostgresAsync(_connectionString, null, CancellationToken.None);
        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("INSERT INTO schema_version (version, name) VALUES (999, 'future')", connection);
            await command.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<StorageStartupException>(() => StorageStartup.PrepareAsync(Postgres(_connectionString), CancellationToken.None));

        AssertNamesServer(error.Message, _connectionString);
        Assert.Contains("version 999, newer than this build knows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareAsync_MigrationConnectionString_AppliesSchemaWithMigrationRole()
    {
        var role = $"jh_migrator_{Guid.NewGuid():N}"[..30];
        var runtimeRole = $"jh_runtime_{Guid.NewGuid():N}"[..30];
        var database = new NpgsqlConnectionStringBuilder(_connectionString).Database;
        await AdminAsync(
            $"CREATE ROLE {role} LOGIN PASSWORD 'migrate-pass'",
            $"CREATE ROLE {runtimeRole} LOGIN PASSWORD 'runtime-pass'",
            $"GRANT ALL ON DATABASE \"{database}\" TO {role}",
            $"GRANT CONNECT ON DATABASE \"{database}\" TO {runtimeRole}");
        try
        {
            await AdminOnDatabaseAsync($"GRANT ALL ON SCHEMA public TO {role}", $"GRANT USAGE ON SCHEMA public TO {runtimeRole}");
            var options = Postgres(WithUser(runtimeRole, "runtime-pass"));
            options.MigrationConnectionString = WithUser(role, "migrate-pass");

            await StorageStartup.PrepareAsync(options, CancellationToken.None);

            Assert.Equal(role, await ScalarAsync<string>("SELECT tableowner FROM pg_tables WHERE tablename = 'schema_version'"));
        }
        finally
        {
            await AdminOnDatabaseAsync($"DROP OWNED BY {role}", $"DROP OWNED BY {runtimeRole}");
            await TestPostgres.DropDatabaseAsync(_connectionString);
            await AdminAsync($"DROP ROLE {role}", $"DROP ROLE {runtimeRole}");
        }
    }

    [Fact]
    public async Task PrepareAsync_RuntimeRoleCannotCreate_FailsNamingMigrationRole()
    {
        var runtimeRole = $"jh_runtime_{Guid.NewGuid():N}"[..30];
        var database = new NpgsqlConnectionStringBuilder(_connectionString).Database;
        await AdminAsync($"CREATE ROLE {runtimeRole} LOGIN PASSWORD 'runtime-pass'", $"GRANT CONNECT ON DATABASE \"{database}\" TO {runtimeRole}");
        try
        {
            await AdminOnDatabaseAsync($"REVOKE CREATE ON SCHEMA public FROM PUBLIC");

            var error = await Assert.ThrowsAsync<StorageStartupException>(
                () => StorageStartup.PrepareAsync(Postgres(WithUser(runtimeRole, "runtime-pass")), CancellationToken.None));

            Assert.Contains("Cannot apply the schema", error.Message, StringComparison.Ordinal);
            Assert.Contains("MigrationConnectionString", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("runtime-pass", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(_connectionString);
            await AdminAsync($"DROP ROLE {runtimeRole}");
        }
    }

    [Fact]
    public async Task PrepareAsync_WrongPassword_FailsWithoutPassword()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(_connectionString) { Password = WrongPassword }.ConnectionString;

        var error = await Assert.ThrowsAsync<StorageStartupException>(() => StorageStartup.PrepareAsync(Postgres(connectionString), CancellationToken.None));

        AssertNamesServer(error.Message, connectionString);
        Assert.Contains("password was refused", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongPassword, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareAsync_NonexistentDatabase_FailsNamingDatabase()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(_connectionString) { Database = "pg_missing_" + Guid.NewGuid().ToString("N")[..8] }.ConnectionString;

        var error = await Assert.ThrowsAsync<StorageStartupException>(() => StorageStartup.PrepareAsync(Postgres(connectionString), CancellationToken.None));

        AssertNamesServer(error.Message, connectionString);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        AssertNoPassword(error, connectionString);
    }

    [Fact]
    public async Task PrepareAsync_ClosedPort_FailsOnTheRefusalNotATimeout()
    {
        // A connect timeout far beyond any test's patience: the error must come from the refusal itself, not from waiting.
        var connectionString = new NpgsqlConnectionStringBuilder(_connectionString)
        {
            Host = "127.0.0.1", Port = ClosedLoopbackPort(), Timeout = 1024,
        }.ConnectionString;

        var error = await Assert.ThrowsAsync<StorageStartupException>(
            () => StorageStartup.PrepareAsync(Postgres(connectionString), CancellationToken.None)).WaitAsync(TimeSpan.FromMinutes(2));

        var refused = Causes(error).OfType<System.Net.Sockets.SocketException>().FirstOrDefault();
        Assert.True(refused is { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused }, $"not a refused connection: {error}");
        AssertNamesServer(error.Message, connectionString);
        Assert.Contains("Check that the server runs", error.Message, StringComparison.Ordinal);
        AssertNoPassword(error, connectionString);
    }

    private static IEnumerable<Exception> Causes(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    [Fact]
    public async Task PrepareAsync_MalformedConnectionString_FailsNamingSetting()
    {
        var options = Postgres("Host=127.0.0.1;Password=secret-in-bad-string;NoSuchKey=1");

        var error = await Assert.ThrowsAsync<StorageStartupException>(() => StorageStartup.PrepareAsync(options, CancellationToken.None));

        Assert.Contains("ConnectionStrings:JobHome is not a valid PostgreSQL connection string", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-in-bad-string", error.Message, StringComparison.Ordinal);
    }

    private static JobHomeStorageOptions Postgres(string connectionString) =>
        new() { Kind = StorageKind.Postgres, ConnectionString = connectionString };

    private string WithUser(string user, string password) =>
        new NpgsqlConnectionStringBuilder(_connectionString) { Username = user, Password = password, Pooling = false }.ConnectionString;

    private static void AssertNamesServer(string message, string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Assert.Contains($"{builder.Host}:{builder.Port}", message, StringComparison.Ordinal);
        Assert.Contains($"database '{builder.Database}'", message, StringComparison.Ordinal);
    }

    private static void AssertNoPassword(Exception error, string connectionString)
    {
        var password = new NpgsqlConnectionStringBuilder(connectionString).Password!;
        Assert.DoesNotContain(password, error.Message, StringComparison.Ordinal);
    }

    private static int ClosedLoopbackPort()
    {
        // Bind then release: nothing listens on the port afterwards, so a connect is refused at once.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task AdminAsync(params string[] statements)
    {
        await using var connection = new NpgsqlConnection(TestPostgres.AdminConnectionString);
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private async Task AdminOnDatabaseAsync(params string[] statements)
    {
        var builder = new NpgsqlConnectionStringBuilder(TestPostgres.AdminConnectionString) { Database = new NpgsqlConnectionStringBuilder(_connectionString).Database };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
