namespace JobHome.Grains.Tests.Fixtures;

/// <summary>Grain tests on the embedded SQLite store share one cluster; every test uses its own ids.</summary>
[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteClusterFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "cluster-sqlite";
}
