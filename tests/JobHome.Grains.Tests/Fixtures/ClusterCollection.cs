namespace JobHome.Grains.Tests.Fixtures;

/// <summary>All grain tests share one cluster; every test uses its own ids.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "cluster";
}
