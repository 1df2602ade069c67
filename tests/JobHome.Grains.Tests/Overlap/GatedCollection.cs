using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Overlap;

/// <summary>Tests of calls that wait together share one gated cluster (one gate rule at a time: not parallel).</summary>
[CollectionDefinition(Name)]
public sealed class GatedCollection : ICollectionFixture<GatedClusterFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "gated";
}
