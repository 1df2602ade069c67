using JobHome.Actors.AdoNet.Tests.Fixtures;
using JobHome.Actors.Tests.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace JobHome.Actors.AdoNet.Tests.Runtime;

/// <summary>
/// The runtime's guarantees on PostgreSQL: the runtime tests use fixed grain ids, so each test gets its own fresh
/// database (created by the class's fixture, dropped with it), reached again by every restart.
/// </summary>
public sealed class PostgresActorRuntimeGuaranteeTests(PostgresStorageFixture fixture)
    : ActorRuntimeGuaranteeTests, IClassFixture<PostgresStorageFixture>
{
    private readonly string _connectionString = fixture.CreateDatabaseAsync().GetAwaiter().GetResult();

    protected override void AddStorage(IServiceCollection services) => services.AddJobHomePostgresStorage(_connectionString);
}
