using JobHome.Actors.AdoNet.Tests.Fixtures;
using JobHome.Actors.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace JobHome.Actors.AdoNet.Tests.Storage;

/// <summary>The runtime team's provider contract on PostgreSQL (one fresh database per test, dropped with the class fixture).</summary>
public sealed class PostgresStorageContractTests(PostgresStorageFixture fixture)
    : StorageContractTests, IClassFixture<PostgresStorageFixture>
{
    private readonly string _connectionString = fixture.CreateDatabaseAsync().GetAwaiter().GetResult();

    protected override void AddStorage(IServiceCollection services) => services.AddJobHomePostgresStorage(_connectionString);
}
