using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Stores;

[Collection(ClusterCollection.Name)]
public sealed class AggregatorRestartTestsInMemory(MemoryClusterFixture fixture)
    : JobHome.Grains.Tests.Indicators.AggregatorRestartTests(fixture);
