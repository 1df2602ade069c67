using JobHome.Grains.Matching;
using JobHome.Grains.People;
using JobHome.Grains.Placements;
using JobHome.Grains.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace JobHome.Grains.Tests;

/// <summary>
/// <see cref="GrainReferences"/> builds the same references as Orleans' <c>GetGrain&lt;T&gt;</c> and <c>AsReference&lt;T&gt;</c>
/// (grain id and interface), on the first call (which resolves the types) and on later calls (from the remembered types),
/// kept references are made once per key, and calls through them reach the grain.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainReferencesTests(MemoryClusterFixture fixture)
{
    [Fact]
    public async Task Reference_StringIntegerAndCast_SameAsOrleansAndCallable()
    {
        var grains = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IGrainFactory>();
        foreach (var key in new[] { "seeker-ref-1", "seeker-ref-2" })
        {
            AssertSame(grains.GetGrain<ISeekerGrain>(key), grains.Reference<ISeekerGrain>(key));
            var seeker = grains.Reference<ISeekerGrain>(key);
            AssertSame(seeker.AsReference<ISeekerMatchingGrain>(), grains.Reference<ISeekerMatchingGrain>(seeker));
        }
        foreach (var shard in new long[] { 0, 7, -3 })
        {
            AssertSame(grains.GetGrain<IPlacementLedgerGrain>(shard), grains.Reference<IPlacementLedgerGrain>(shard));
        }

        foreach (var key in new[] { "g/1/2", "g/1/3" })
        {
            var kept = grains.Kept<IMatchPartitionGrain>(key);
            AssertSame(grains.GetGrain<IMatchPartitionGrain>(key), kept);
            Assert.Same(kept, grains.Kept<IMatchPartitionGrain>(key));
        }
        Assert.NotSame(grains.Kept<IMatchPartitionGrain>("g/1/2"), grains.Kept<IMatchPartitionGrain>("g/1/3"));

        Assert.Null(await grains.Reference<ISeekerGrain>("seeker-ref-unknown").GetAsync());
        Assert.NotNull(await grains.Reference<IPlacementLedgerGrain>(PlacementLedger.ShardOf("placement-ref-1")).GetUnfinishedAsync());
    }

    private static void AssertSame(object expected, object actual)
    {
        var (e, a) = ((GrainReference)expected, (GrainReference)actual);
        Assert.Equal(e.GrainId, a.GrainId);
        Assert.Equal(e.InterfaceType, a.InterfaceType);
        Assert.Equal(expected.GetType(), actual.GetType());
    }
}
