using JobHome.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace JobHome.Silo.Health;

/// <summary>Healthy when the store answers a trivial query within a short timeout.</summary>
internal sealed class DatabaseHealthCheck : IHealthCheck
{
    private const int TimeoutSeconds = 3;
    private readonly JobHomeStorageOptions _options;
    private readonly string _connectionString;
    private readonly string _where;

    /// <summary>Creates the check for the store the options name.</summary>
    public DatabaseHealthCheck(JobHomeStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        if (options.Kind == StorageKind.Embedded)
        {
            // ReadWrite, not ReadWriteCreate: a missing file is a failure, not something to create behind the silo's back.
            // No pooling: a pooled connection would keep answering from a file that has been deleted or replaced.
            _connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = options.EmbeddedPath,
                Mode = SqliteOpenMode.ReadWrite,
                Pooling = false,
                DefaultTimeout = TimeoutSeconds,
            }.ConnectionString;
            _where = $"embedded database '{options.EmbeddedPath}'";
        }
        else
        {
            var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString)
            {
                Timeout = TimeoutSeconds,
                CommandTimeout = TimeoutSeconds,
                ApplicationName = "jobhome-silo-health",
            };
            _connectionString = builder.ConnectionString;
            _where = $"PostgreSQL at {builder.Host}:{builder.Port}, database '{builder.Database}'";
        }
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (_options.Kind == StorageKind.Embedded)
            {
                await using var connection = new SqliteConnection(_connectionString);
                await connection.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT 1";
                await command.ExecuteScalarAsync(cancellationToken);
            }
            else
            {
                await using var connection = new NpgsqlConnection(_connectionString);
                await connection.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT 1";
                await command.ExecuteScalarAsync(cancellationToken);
            }

            return HealthCheckResult.Healthy($"{_where} is reachable");
        }
        catch (Exception e) when (e is SqliteException or NpgsqlException or TimeoutException or InvalidOperationException or IOException)
        {
            // The message names the store and the error, never the connection string (it may hold a password).
            return HealthCheckResult.Unhealthy($"{_where} is not reachable: {e.Message}");
        }
    }
}
