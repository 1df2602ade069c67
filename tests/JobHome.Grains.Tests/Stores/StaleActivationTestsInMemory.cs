using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Stores;

[Collection(ClusterCollection.Name)]
public sealed class StaleActivationTestsInMemory(MemoryClusterFixture fixture) : JobHome.Grains.Tests.People.StaleActivationTests(fixture);
