using JobHome.Grains.Hosting;
using JobHome.Grains.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace JobHome.Grains.Tests.Hosting;

/// <summary>
/// The idle ages Orleans' collector applies per grain type on a silo set up by <see cref="GrainsServiceCollectionExtensions"/>:
/// the record grains go after <see cref="ActivationOptions.RecordAge"/>, aggregators and sites after the default, match
/// partitions never; shedding under memory pressure is on.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ActivationCollectionTests(MemoryClusterFixture fixture)
{
    private IServiceProvider Services => fixture.Cluster.Silos[0].ServiceProvider;

    [Theory]
    [InlineData("seeker")]
    [InlineData("post")]
    [InlineData("household")]
    [InlineData("placement")]
    [InlineData("employer")]
    [InlineData("idcardregistry")]
    [InlineData("sitedirectory")]
    public void CollectionAgeLimit_RecordGrain_IsTheRecordAge(string grainType) =>
        Assert.Equal(new ActivationOptions().RecordAge, AgeOf(grainType));

    [Theory]
    [InlineData("siteindicators")]
    [InlineData("site")]
    public void CollectionAgeLimit_AggregatorOrSite_IsTheDefaultAge(string grainType) =>
        Assert.Equal(new ActivationOptions().DefaultAge, AgeOf(grainType));

    [Fact]
    public void CollectionAgeLimit_MatchPartition_NeverCollected() =>
        Assert.Equal(Timeout.InfiniteTimeSpan, AgeOf("matchpartition"));

    [Fact]
    public void GrainCollectionOptions_Silo_SheddingOnMemoryPressure()
    {
        var options = Services.GetRequiredService<IOptions<GrainCollectionOptions>>().Value;

        Assert.True(options.EnableActivationSheddingOnMemoryPressure);
        Assert.True(options.MemoryUsageTargetPercentage < options.MemoryUsageLimitPercentage);
        Assert.True(options.MemoryUsageLimitPercentage <= ActivationOptions.MaxShareOfMachine * 100);
    }

    private TimeSpan AgeOf(string grainType) =>
        Services.GetRequiredService<GrainTypeSharedContextResolver>().GetComponents(GrainType.Create(grainType)).CollectionAgeLimit;
}
