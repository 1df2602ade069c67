using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Stores;

[Collection(ClusterCollection.Name)]
public sealed class SiteSourcesLayoutTestsInMemory(MemoryClusterFixture fixture)
    : JobHome.Grains.Tests.Indicators.SiteSourcesLayoutTests(fixture);
