using JobHome.Actors.AdoNet.Tests.Fixtures;
using Xunit.Abstractions;

namespace JobHome.Actors.AdoNet.Tests.Recovery;

/// <summary>Consumer kill-and-restart on PostgreSQL.</summary>
public sealed class PostgresConsumerKillTests(PostgresStorageFixture fixture, ITestOutputHelper output)
    : ConsumerKillTests<PostgresStorageFixture>(fixture, output), IClassFixture<PostgresStorageFixture>
{
    protected override string ProviderName => "postgres";
}
