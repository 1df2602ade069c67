using JobHome.Actors.AdoNet;
using JobHome.Actors.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace JobHome.Benchmarks.Runtime;

/// <summary>A fresh database for one benchmark: a temporary SQLite file, or a new PostgreSQL database on <c>JOBHOME_BENCH_PG</c> (else <c>JOBHOME_TEST_PG</c>).</summary>
internal sealed class AdoNetBenchmarkDatabase : IAsyncDisposable
{
    private readonly string? _sqliteFolder;
    private readonly string? _pgDatabase;
    private readonly string? _pgAdmin;

    private AdoNetBenchmarkDatabase(ServiceProvider services, string? sqliteFolder, string? pgAdmin, string? pgDatabase)
    {
        Services = services;
        _sqliteFolder = sqliteFolder;
        _pgAdmin = pgAdmin;
        _pgDatabase = pgDatabase;
    }

    public ServiceProvider Services { get; }

    public static async Task<AdoNetBenchmarkDatabase> CreateAsync(string provider)
    {
        var services = new ServiceCollection();
        AdoNetBenchmarkDatabase database;
        if (provider == "sqlite")
        {
            var folder = Directory.CreateTempSubdirectory("jobhome-bench-").FullName;
            services.AddJobHomeSqliteStorage($"Data Source={Path.Combine(folder, "bench.db")}");
            database = new AdoNetBenchmarkDatabase(services.BuildServiceProvider(), folder, null, null);
        }
        else
        {
            var admin = Environment.GetEnvironmentVariable("JOBHOME_BENCH_PG") ?? Environment.GetEnvironmentVariable("JOBHOME_TEST_PG")
                ?? throw new InvalidOperationException("Set JOBHOME_BENCH_PG (or JOBHOME_TEST_PG) to a PostgreSQL admin connection string.");
            var name = $"jobhome_bench_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await command.ExecuteNonQueryAsync();
            }

            services.AddJobHomePostgresStorage(new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 50 }.ConnectionString);
            database = new AdoNetBenchmarkDatabase(services.BuildServiceProvider(), null, admin, name);
        }

        await database.Services.GetRequiredService<IStorageInitializer>().InitializeAsync(CancellationToken.None);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_sqliteFolder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_sqliteFolder, recursive: true);
        }

        if (_pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_pgAdmin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_pgDatabase}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
