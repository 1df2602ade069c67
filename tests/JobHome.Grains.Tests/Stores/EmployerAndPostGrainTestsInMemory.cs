using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Stores;

[Collection(ClusterCollection.Name)]
public sealed class EmployerAndPostGrainTestsInMemory(MemoryClusterFixture fixture)
    : JobHome.Grains.Tests.Posts.EmployerAndPostGrainTests(fixture);
