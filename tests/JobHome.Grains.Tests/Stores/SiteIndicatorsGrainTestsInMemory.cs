using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Stores;

[Collection(ClusterCollection.Name)]
public sealed class SiteIndicatorsGrainTestsInMemory(MemoryClusterFixture fixture)
    : JobHome.Grains.Tests.Indicators.SiteIndicatorsGrainTests(fixture);
