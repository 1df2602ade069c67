using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Stores;

[Collection(SqliteCollection.Name)]
public sealed class PlacementGrainTestsOnSqlite(SqliteClusterFixture fixture)
    : JobHome.Grains.Tests.Placements.PlacementGrainTests(fixture);
