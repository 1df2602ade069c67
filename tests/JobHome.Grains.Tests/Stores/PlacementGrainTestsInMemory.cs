using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Stores;

[Collection(ClusterCollection.Name)]
public sealed class PlacementGrainTestsInMemory(MemoryClusterFixture fixture)
    : JobHome.Grains.Tests.Placements.PlacementGrainTests(fixture);
