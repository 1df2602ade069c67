using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Stores;

[Collection(ClusterCollection.Name)]
public sealed class IndicatorBatchDeliveryTestsInMemory(MemoryClusterFixture fixture)
    : JobHome.Grains.Tests.Indicators.IndicatorBatchDeliveryTests(fixture);
