namespace JobHome.Dashboard.Tests;

/// <summary>One silo with a small network and one browser for every dashboard test (a silo start costs seconds).</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    /// <summary>Collection name.</summary>
    public const string Name = "dashboard";
}
