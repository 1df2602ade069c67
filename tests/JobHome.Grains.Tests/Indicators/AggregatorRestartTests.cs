using JobHome.Domain.Indicators;
using JobHome.Domain.People;
using JobHome.Grains.Indicators;
using JobHome.Grains.People;
using JobHome.Grains.Tests.Fixtures;
using JobHome.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace JobHome.Grains.Tests.Indicators;

/// <summary>
/// A parent aggregator writes its children's totals once per flush period, so a crash can lose the newest reports: an
/// activation that finds no clean stop asks its children to report again. Runs on every store.
/// </summary>
public abstract class AggregatorRestartTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Activation_AfterUncleanStopWithStaleChildTotals_ChildrenReportAgain()
    {
        var tree = await new TestNetwork(fixture).RegisterTreeAsync();
        var since = fixture.Today.AddDays(-30);
        var one = new IndicatorCounts();
        one.Apply(IndicatorContribution.Person(LabourStatus.Employed, since, 0));
        foreach (var village in tree.Villages)
        {
            var registration = TestNetwork.Registration(new DateOnly(1985, 5, 5), LabourStatus.Employed, since) with { SiteCode = village };
            Assert.True((await fixture.Client.GetGrain<ISeekerGrain>(TestNetwork.NewId("sk")).RegisterAsync(registration)).Succeeded);
            Assert.True(await fixture.Client.GetGrain<ISiteIndicatorsGrain>(village).WaitForOwnCountsAsync(one, Patience));
            await fixture.Client.GetGrain<ISiteIndicatorsGrain>(village).FlushAsync();
        }
        var all = new IndicatorCounts();
        all.Add(one);
        all.Add(one);
        var township = fixture.Client.GetGrain<ISiteIndicatorsGrain>(tree.Ancestors[0]);
        Assert.Equal(all, await township.GetCountsAsync());

        // What a SIGKILL between reports and the flush timer's write leaves: older child totals, no clean stop.
        await fixture.Cluster.DeactivateAsync(township);
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var stored = new GrainState<SiteIndicatorsState>(new SiteIndicatorsState());
        await storage.ReadStateAsync("indicators", township.GetGrainId(), stored);
        Assert.True(stored.State!.StoppedCleanly);
        Assert.Equal(tree.Villages.Order(StringComparer.Ordinal), stored.State.Children.Keys.Order(StringComparer.Ordinal));
        foreach (var village in tree.Villages)
        {
            stored.State.Children[village] = ChildEntry.Of(1, new IndicatorCounts());
        }
        stored.State.StoppedCleanly = false;
        await storage.WriteStateAsync("indicators", township.GetGrainId(), stored);

        // The activation serves the stored totals and asks each village (one-way) to report again; a call to each village
        // queues behind that request, so once it answers the village's report has reached the township.
        Assert.Equal(new IndicatorCounts(), await township.GetCountsAsync());
        foreach (var village in tree.Villages)
        {
            Assert.Equal(one, await fixture.Client.GetGrain<ISiteIndicatorsGrain>(village).GetCountsAsync());
        }
        Assert.Equal(all, await township.GetCountsAsync());
    }
}
