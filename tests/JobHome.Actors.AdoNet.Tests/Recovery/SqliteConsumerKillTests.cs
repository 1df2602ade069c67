using JobHome.Actors.AdoNet.Tests.Fixtures;
using Xunit.Abstractions;

namespace JobHome.Actors.AdoNet.Tests.Recovery;

/// <summary>Consumer kill-and-restart on SQLite (the consumer process and the producer share one file).</summary>
public sealed class SqliteConsumerKillTests(SqliteStorageFixture fixture, ITestOutputHelper output)
    : ConsumerKillTests<SqliteStorageFixture>(fixture, output), IClassFixture<SqliteStorageFixture>
{
    protected override string ProviderName => "sqlite";
}
