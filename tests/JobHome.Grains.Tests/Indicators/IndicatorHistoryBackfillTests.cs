using JobHome.Domain.Indicators;
using JobHome.Domain.People;
using JobHome.Grains.History;
using JobHome.Grains.Indicators;
using JobHome.Grains.People;
using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Indicators;

/// <summary>
/// Days the history has no recording for (the silo down over both of a day's ticks: here, the fake clock moved three days
/// with no tick and no read) are filled from the aggregator's counts by status date when the next point is recorded.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class IndicatorHistoryBackfillTests(MemoryClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RecordAndGet_TwoDaysWithoutRecording_AreBackfilledFromTheCountsByStatusDate()
    {
        var (villages, _) = await new TestNetwork(fixture).RegisterTreeAsync();
        var village = villages[0];
        var day0 = fixture.Today;
        var (day1, day2, day3) = (day0.AddDays(1), day0.AddDays(2), day0.AddDays(3));
        // Unemployed since a date whose three-month line is day 1: not over it on day 1, over it from day 2.
        var longSince = day1.AddMonths(-3);
        Assert.Equal(day1, longSince.AddMonths(3));
        var expected = new IndicatorCounts();
        await RegisterAsync(village, LabourStatus.Unemployed, longSince, expected);
        await RegisterAsync(village, LabourStatus.Employed, day0.AddDays(-10), expected);
        var history = fixture.Client.GetGrain<IIndicatorHistoryGrain>(village);
        Assert.True(await fixture.Client.GetGrain<ISiteIndicatorsGrain>(village).WaitForOwnCountsAsync(expected, Patience));
        var first = Assert.Single(await history.RecordAndGetAsync());
        Assert.Equal((day0, 1L, 1L, false), (first.Date, first.Employed, first.Unemployed, first.Backfilled));

        // Three days on, nothing recorded in between; meanwhile one more person found work (an undated count) and one
        // became unemployed on day 3 (after the missed days).
        fixture.Time.Advance(TimeSpan.FromDays(3));
        Assert.Equal(day3, fixture.Today);
        await RegisterAsync(village, LabourStatus.Employed, day3, expected);
        await RegisterAsync(village, LabourStatus.Unemployed, day3, expected);
        Assert.True(await fixture.Client.GetGrain<ISiteIndicatorsGrain>(village).WaitForOwnCountsAsync(expected, Patience));
        var points = await history.RecordAndGetAsync();

        Assert.Equal([day0, day1, day2, day3], points.Select(p => p.Date));
        Assert.Equal([false, true, true, false], points.Select(p => p.Backfilled));
        // By-date indicators as of each missed day: the day-3 unemployment is not there yet, the old one rolls over.
        Assert.Equal([1L, 1L], points[1..3].Select(p => p.Unemployed));
        Assert.Equal([0L, 1L], points[1..3].Select(p => p.UnemployedOver3Months));
        // Undated ones carried from the last point (day 0): the new employed person is not in the missed days.
        Assert.Equal([1L, 1L], points[1..3].Select(p => p.Employed));
        Assert.Equal((2L, 2L, 1L), (points[3].Employed, points[3].Unemployed, points[3].UnemployedOver3Months));
    }

    private async Task RegisterAsync(string village, LabourStatus status, DateOnly since, IndicatorCounts expected)
    {
        var id = TestNetwork.NewId("hb");
        var result = await fixture.Client.GetGrain<ISeekerGrain>(id).RegisterAsync(
            TestNetwork.Registration(new DateOnly(1988, 5, 5), status, since) with { SiteCode = village });
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        expected.Apply(IndicatorContribution.Person(status, since, 0));
    }
}
