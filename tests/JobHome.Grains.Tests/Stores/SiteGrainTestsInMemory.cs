using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Stores;

[Collection(ClusterCollection.Name)]
public sealed class SiteGrainTestsInMemory(MemoryClusterFixture fixture) : JobHome.Grains.Tests.Sites.SiteGrainTests(fixture);
