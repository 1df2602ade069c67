using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Stores;

[Collection(SqliteCollection.Name)]
public sealed class SiteIndicatorsGrainTestsOnSqlite(SqliteClusterFixture fixture)
    : JobHome.Grains.Tests.Indicators.SiteIndicatorsGrainTests(fixture);
