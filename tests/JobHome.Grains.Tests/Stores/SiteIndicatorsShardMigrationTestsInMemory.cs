using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Stores;

[Collection(ClusterCollection.Name)]
public sealed class SiteIndicatorsShardMigrationTestsInMemory(MemoryClusterFixture fixture)
    : JobHome.Grains.Tests.Indicators.SiteIndicatorsShardMigrationTests(fixture);
