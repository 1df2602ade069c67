using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Stores;

[Collection(ClusterCollection.Name)]
public sealed class RecountSkipTestsInMemory(MemoryClusterFixture fixture)
    : JobHome.Grains.Tests.Indicators.RecountSkipTests(fixture);
