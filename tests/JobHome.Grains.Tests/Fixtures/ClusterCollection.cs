namespace JobHome.Grains.Tests.Fixtures;

/// <summary>Grain tests on the in-memory stores share one cluster; every test uses its own ids.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<MemoryClusterFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "cluster";
}
