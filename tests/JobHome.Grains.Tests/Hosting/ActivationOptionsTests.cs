using JobHome.Grains.Hosting;
using JobHome.Grains.Indicators;
using JobHome.Grains.People;
using JobHome.Grains.SiteRecords;
using Orleans.Configuration;

namespace JobHome.Grains.Tests.Hosting;

/// <summary>What <see cref="ActivationOptions"/> writes into Orleans' collection options.</summary>
public sealed class ActivationOptionsTests
{
    private const long Gib = 1024L * 1024 * 1024;

    [Fact]
    public void Apply_Defaults_RecordGrainsGetTheShortAgeOthersTheDefault()
    {
        var options = new GrainCollectionOptions();

        new ActivationOptions().Apply(options, 24 * Gib);

        Assert.Equal(TimeSpan.FromSeconds(30), options.CollectionQuantum);
        Assert.Equal(TimeSpan.FromMinutes(15), options.CollectionAge);
        Assert.Equal(ActivationOptions.RecordGrainClasses.Count, options.ClassSpecificCollectionAge.Count);
        Assert.Equal(TimeSpan.FromMinutes(1), options.ClassSpecificCollectionAge[typeof(SeekerGrain).FullName!]);
        Assert.Equal(TimeSpan.FromMinutes(1), options.ClassSpecificCollectionAge[typeof(SiteDirectoryGrain).FullName!]);
        Assert.False(options.ClassSpecificCollectionAge.ContainsKey(typeof(SiteIndicatorsGrain).FullName!));
    }

    [Fact]
    public void Apply_ShedAbove4GibOf16Gib_LimitIsAQuarterTargetIs85PercentOfIt()
    {
        var options = new GrainCollectionOptions();

        new ActivationOptions { ShedAboveMib = 4096 }.Apply(options, 16 * Gib);

        Assert.True(options.EnableActivationSheddingOnMemoryPressure);
        Assert.Equal(25, options.MemoryUsageLimitPercentage, 6);
        Assert.Equal(25 * 0.85, options.MemoryUsageTargetPercentage, 6);
    }

    [Fact]
    public void Apply_LimitAboveTheMachine_CappedAt90PercentOfIt()
    {
        var options = new GrainCollectionOptions();

        new ActivationOptions { ShedAboveMib = 8192 }.Apply(options, 4 * Gib);

        Assert.Equal(90, options.MemoryUsageLimitPercentage, 6);
        Assert.Equal(90 * 0.85, options.MemoryUsageTargetPercentage, 6);
    }

    [Fact]
    public void Apply_ShedAboveZero_SheddingOff()
    {
        var options = new GrainCollectionOptions { EnableActivationSheddingOnMemoryPressure = true };

        new ActivationOptions { ShedAboveMib = 0 }.Apply(options, 16 * Gib);

        Assert.False(options.EnableActivationSheddingOnMemoryPressure);
    }

    [Fact]
    public void AvailableBytes_ThisProcess_IsPositive() => Assert.True(ActivationOptions.AvailableBytes() > 0);
}
