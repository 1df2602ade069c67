using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Stores;

[Collection(ClusterCollection.Name)]
public sealed class SeekerGrainTestsInMemory(MemoryClusterFixture fixture) : JobHome.Grains.Tests.People.SeekerGrainTests(fixture);
