using JobHome.Cli.Load;

namespace JobHome.Cli.Tests.Load;

public sealed class LatencyTrackerTests
{
    [Fact]
    public void Observe_ResolvesOnlyPlacementsAtOrBelowTheShownCount_InAckOrder()
    {
        var tracker = new LatencyTracker(baseline: 100);
        tracker.Acknowledge(); // target 101
        tracker.Acknowledge(); // target 102
        tracker.Acknowledge(); // target 103

        tracker.Observe(100);
        Assert.Equal(3, tracker.Pending);
        tracker.Observe(102);
        Assert.Equal(1, tracker.Pending);
        Assert.Equal(2, tracker.Sorted().Length);
        tracker.Observe(101); // the feed never goes back, but a stale message must not resolve anything
        Assert.Equal(1, tracker.Pending);
        tracker.Observe(250);
        Assert.Equal(0, tracker.Pending);
        Assert.Equal(3, tracker.Acknowledged);
        Assert.All(tracker.Sorted(), ms => Assert.True(ms >= 0));
    }

    [Fact]
    public void Acknowledge_AfterTheFeedShowedIt_CountsZeroWithoutWaitingForAnotherMessage()
    {
        var tracker = new LatencyTracker(baseline: 10);
        tracker.Acknowledge(); // target 11
        tracker.Observe(12);   // the province already shows the next placement, whose answer is still on its way

        tracker.Acknowledge(); // target 12: shown already

        Assert.Equal(0, tracker.Pending);
        Assert.Equal(2, tracker.Sorted().Length);
        Assert.Equal(0, tracker.Sorted()[0]);
    }

    [Fact]
    public void Quantile_NearestRank()
    {
        double[] sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.Equal(5, LatencyTracker.Quantile(sorted, 0.5));
        Assert.Equal(10, LatencyTracker.Quantile(sorted, 0.99));
        Assert.Equal(1, LatencyTracker.Quantile(sorted, 0.01));
        Assert.Null(LatencyTracker.Quantile([], 0.5));
    }
}
