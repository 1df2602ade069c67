using JobHome.Actors.AdoNet.Tests.Fixtures;
using Xunit.Abstractions;

namespace JobHome.Actors.AdoNet.Tests.Recovery;

/// <summary>Consumer silo kill-and-restart on SQLite (producer silo and consumer silo share one file).</summary>
public sealed class SqliteSiloKillTests(SqliteStorageFixture fixture, ITestOutputHelper output)
    : SiloKillTests<SqliteStorageFixture>(fixture, output), IClassFixture<SqliteStorageFixture>
{
    protected override string SiloMode => "silo-sqlite";
}
