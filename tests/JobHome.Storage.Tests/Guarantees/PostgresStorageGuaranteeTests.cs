using JobHome.Storage.Hosting;
using JobHome.Storage.Startup;
using Npgsql;
using Orleans.Hosting;

namespace JobHome.Storage.Tests.Guarantees;

/// <summary>The storage guarantees on PostgreSQL: two silos with ADO.NET clustering, persistence, reminders and streams on a freshly migrated database.</summary>
public sealed class PostgresStorageGuaranteeTests : StorageGuaranteeTests
{
    private string _connectionString = "";

    /// <inheritdoc />
    protected override bool UsesStoreClustering => true;

    /// <inheritdoc />
    protected override async Task CreateStoreAsync()
    {
        _connectionString = await TestPostgres.CreateDatabaseAsync("pg_guarantees");
        await StorageStartup.PrepareAsync(Options, CancellationToken.None);
    }

    /// <inheritdoc />
    protected override Task DropStoreAsync() => TestPostgres.DropDatabaseAsync(_connectionString);

    /// <inheritdoc />
    protected override void ConfigureSilo(ISiloBuilder siloBuilder) => siloBuilder.AddJobHomeStorage(Options);

    /// <inheritdoc />
    protected override void ConfigureClient(IClientBuilder clientBuilder) =>
        clientBuilder.UseAdoNetClustering(o =>
        {
            o.Invariant = StorageSiloBuilderExtensions.PostgresInvariant;
            o.ConnectionString = _connectionString;
        });

    [Fact]
    public async Task Clustering_TwoSilos_BothActiveInMembershipTable()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM orleans_membership WHERE deployment_id = @cluster AND status = 3", connection);
        command.Parameters.AddWithValue("cluster", Cluster.Options.ClusterId);

        Assert.Equal(2L, (long)(await command.ExecuteScalarAsync())!);
    }

    private JobHomeStorageOptions Options => new() { Kind = StorageKind.Postgres, ConnectionString = _connectionString };
}
