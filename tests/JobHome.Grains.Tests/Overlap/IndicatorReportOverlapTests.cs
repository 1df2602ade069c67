using JobHome.Domain.Indicators;
using JobHome.Grains.Indicators;
using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Overlap;

/// <summary>
/// An aggregator's report to its parent does not hold its turn: a child's report is answered while the parent's own
/// report above it is still unanswered (a township's stream delivery used to wait for the whole chain of reports).
/// </summary>
[Collection(GatedCollection.Name)]
public sealed class IndicatorReportOverlapTests(GatedClusterFixture fixture) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ReportChild_ParentsReportAboveUnanswered_ChildAnsweredFirst()
    {
        var (_, ancestors) = await new TestNetwork(fixture).RegisterTreeAsync();
        var township = fixture.Client.GetGrain<ISiteIndicatorsGrain>(ancestors[0]);
        var county = fixture.Client.GetGrain<ISiteIndicatorsGrain>(ancestors[1]);
        var city = fixture.Client.GetGrain<ISiteIndicatorsGrain>(ancestors[2]);
        foreach (var code in ancestors)
        {
            await fixture.Client.GetGrain<ISiteIndicatorsGrain>(code).GetCountsAsync();
        }
        foreach (var code in ancestors)
        {
            Assert.True(await UntilIdleAsync(fixture.Client.GetGrain<ISiteIndicatorsGrain>(code)));
        }
        // The county's report to the city (the city's key) is held until a call the test sends only once the township's
        // report to the county has been answered.
        var marker = TestNetwork.NewId("gate-marker");
        fixture.Gate.Hold(typeof(ISiteIndicatorsGrain), nameof(ISiteIndicatorsGrain.ReportChildTotalsAsync), ancestors[2],
            typeof(ISiteIndicatorsGrain), nameof(ISiteIndicatorsGrain.GetCountsAsync), marker);

        await township.ReportNowAsync();
        await fixture.Client.GetGrain<ISiteIndicatorsGrain>(marker).GetCountsAsync();

        Assert.False(fixture.Gate.TimedOut, "the township's report waited for the county's report to the city");
        // The held report went on: the city ends up with the county's totals (exactly the township's, all empty here).
        await county.FlushAsync();
        Assert.Equal(await township.GetCountsAsync(), await city.GetCountsAsync());
        Assert.Equal(new IndicatorCounts(), await city.GetCountsAsync());
    }

    // The timer's own period elapses in real time: polled with a deadline.
    private static async Task<bool> UntilIdleAsync(ISiteIndicatorsGrain grain)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (await grain.IsFlushTimerArmedAsync())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            await Task.Delay(50);
        }
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => fixture.Gate.Clear();
}
