using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Stores;

[Collection(ClusterCollection.Name)]
public sealed class SiteCatalogGrainTestsInMemory(MemoryClusterFixture fixture) : JobHome.Grains.Tests.Catalog.SiteCatalogGrainTests(fixture);
