using JobHome.Actors.AdoNet.Tests.Fixtures;
using Xunit.Abstractions;

namespace JobHome.Actors.AdoNet.Tests.Recovery;

/// <summary>Consumer silo kill-and-restart on PostgreSQL.</summary>
public sealed class PostgresSiloKillTests(PostgresStorageFixture fixture, ITestOutputHelper output)
    : SiloKillTests<PostgresStorageFixture>(fixture, output), IClassFixture<PostgresStorageFixture>
{
    protected override string SiloMode => "silo-postgres";
}
