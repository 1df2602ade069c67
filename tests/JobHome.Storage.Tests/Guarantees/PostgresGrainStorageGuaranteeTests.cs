using JobHome.Storage.Hosting;
using JobHome.Storage.Startup;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;

namespace JobHome.Storage.Tests.Guarantees;

/// <summary>
/// The grain storage guarantees on PostgreSQL: Orleans' ADO.NET grain storage with our scripts, taken from a one-silo
/// test cluster (the provider initialises in the silo lifecycle); reopening restarts the cluster on the same database.
/// </summary>
public sealed class PostgresGrainStorageGuaranteeTests : GrainStorageGuaranteeTests
{
    private readonly string _serviceId = Guid.NewGuid().ToString("N");
    private string? _connectionString;
    private InProcessTestCluster? _cluster;

    /// <inheritdoc />
    /// <remarks>Orleans' ADO.NET grain storage builds its InconsistentStateException from a message only.</remarks>
    protected override bool ReportsStoredEtag => false;

    public override async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_connectionString is not null)
        {
            await TestPostgres.DropDatabaseAsync(_connectionString);
        }
    }

    protected override async Task<IGrainStorage> OpenAsync()
    {
        if (_connectionString is null)
        {
            _connectionString = await TestPostgres.CreateDatabaseAsync("pg_grainstorage");
            await StorageStartup.PrepareAsync(new JobHomeStorageOptions { Kind = StorageKind.Postgres, ConnectionString = _connectionString }, CancellationToken.None);
        }

        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = _serviceId;
        builder.Options.ConfigureFileLogging = false;
        var connectionString = _connectionString;
        builder.ConfigureSilo((_, silo) => silo.AddAdoNetGrainStorage(StorageNames.Default, o =>
        {
            o.Invariant = StorageSiloBuilderExtensions.PostgresInvariant;
            o.ConnectionString = connectionString;
        }));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        return _cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
    }

    protected override async Task<IGrainStorage> ReopenAsync()
    {
        await _cluster!.DisposeAsync();
        return await OpenAsync();
    }
}
