using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Stores;

[Collection(ClusterCollection.Name)]
public sealed class SeekerStatusHistoryTestsInMemory(MemoryClusterFixture fixture)
    : JobHome.Grains.Tests.People.SeekerStatusHistoryTests(fixture);
