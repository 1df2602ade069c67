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
/// activation that finds no clean stop asks its children to report again (a county its townships: a township's villages
/// are its members and do not report). Runs on every store.
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
        }
        var all = new IndicatorCounts();
        all.Add(one);
        all.Add(one);
        // The villages' records are the township's members (township streams): the township reports to the county.
        var township = fixture.Client.GetGrain<ISiteIndicatorsGrain>(tree.Ancestors[0]);
        await township.FlushAsync();
        var county = fixture.Client.GetGrain<ISiteIndicatorsGrain>(tree.Ancestors[1]);
        Assert.Equal(all, await county.GetCountsAsync());

        // What a SIGKILL between reports and the flush timer's write leaves: older child totals, no clean stop.
        await fixture.Cluster.DeactivateAsync(county);
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var stored = new GrainState<SiteIndicatorsState>(new SiteIndicatorsState());
        await storage.ReadStateAsync("indicators", county.GetGrainId(), stored);
        Assert.True(stored.State!.StoppedCleanly);
        Assert.Equal([tree.Ancestors[0]], stored.State.Children.Keys);
        stored.State.Children[tree.Ancestors[0]] = ChildEntry.Of(1, new IndicatorCounts());
        stored.State.StoppedCleanly = false;
        await storage.WriteStateAsync("indicators", county.GetGrainId(), stored);

        // The activation serves the stored totals and asks the township (one-way) to report again; a call to the township
        // queues behind that request, so once it answers the township's report has reached the county.
        Assert.Equal(new IndicatorCounts(), await county.GetCountsAsync());
        Assert.Equal(all, await township.GetCountsAsync());
        Assert.Equal(all, await county.GetCountsAsync());
    }
}
