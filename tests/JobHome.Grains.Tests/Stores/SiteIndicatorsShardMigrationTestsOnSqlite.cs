using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Stores;

[Collection(SqliteCollection.Name)]
public sealed class SiteIndicatorsShardMigrationTestsOnSqlite(SqliteClusterFixture fixture)
    : JobHome.Grains.Tests.Indicators.SiteIndicatorsShardMigrationTests(fixture);
