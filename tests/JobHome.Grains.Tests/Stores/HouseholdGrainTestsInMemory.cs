using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Stores;

[Collection(ClusterCollection.Name)]
public sealed class HouseholdGrainTestsInMemory(MemoryClusterFixture fixture) : JobHome.Grains.Tests.People.HouseholdGrainTests(fixture);
