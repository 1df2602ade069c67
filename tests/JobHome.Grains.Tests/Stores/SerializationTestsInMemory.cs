using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Stores;

[Collection(ClusterCollection.Name)]
public sealed class SerializationTestsInMemory(MemoryClusterFixture fixture)
    : JobHome.Grains.Tests.Serialization.SerializationTests(fixture);
