using JobHome.Grains.History;
using JobHome.Grains.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace JobHome.Grains.Tests.Indicators;

/// <summary>
/// A site's history reminder is registered on the twice-daily schedule, and one left from before (every 15 minutes) is
/// moved onto it by its next tick, which still records the day's point.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class IndicatorHistoryReminderTests(MemoryClusterFixture fixture)
{
    private const string ReminderName = "record";

    [Fact]
    public async Task RecordAndGet_FirstRead_RegistersTheReminderEveryTwelveHoursAtTheSitesMinute()
    {
        var (villages, _) = await new TestNetwork(fixture).RegisterTreeAsync();
        var history = fixture.Client.GetGrain<IIndicatorHistoryGrain>(villages[0]);

        var before = DateTime.UtcNow;
        var points = await history.RecordAndGetAsync();
        var after = DateTime.UtcNow;

        Assert.Equal(fixture.Today, Assert.Single(points).Date);
        await AssertOnScheduleAsync(villages[0], history, before, after);
    }

    [Fact]
    public async Task ReceiveReminder_QuarterHourReminderFromBefore_IsMovedOntoTheSchedule_AndTheDayIsRecorded()
    {
        var (villages, _) = await new TestNetwork(fixture).RegisterTreeAsync();
        var history = fixture.Client.GetGrain<IIndicatorHistoryGrain>(villages[1]);
        var table = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>();
        // What the import left: a reminder every 15 minutes from the minute the site was loaded.
        var old = DateTime.UtcNow.AddMinutes(-40);
        await table.UpsertRow(new ReminderEntry
        {
            GrainId = history.GetGrainId(), ReminderName = ReminderName, StartAt = old, Period = TimeSpan.FromMinutes(15),
        });

        var before = DateTime.UtcNow;
        await history.AsReference<IRemindable>().ReceiveReminder(ReminderName,
            new TickStatus(old, TimeSpan.FromMinutes(15), DateTime.UtcNow));
        var after = DateTime.UtcNow;

        await AssertOnScheduleAsync(villages[1], history, before, after);
        var point = Assert.Single(await history.RecordAndGetAsync());
        Assert.Equal(fixture.Today, point.Date);
    }

    // The stored reminder ticks every 12 hours from the instant the server clock puts at the site's minute (Orleans
    // dates the start from its own clock, the system's, plus the due time the grain computed on the fake server clock).
    private async Task AssertOnScheduleAsync(string siteCode, IIndicatorHistoryGrain history, DateTime before, DateTime after)
    {
        var table = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>();
        var entry = await table.ReadRow(history.GetGrainId(), ReminderName);
        Assert.NotNull(entry);
        Assert.Equal(TimeSpan.FromHours(12), entry.Period);
        var now = fixture.Time.GetUtcNow();
        var midnight = new DateTimeOffset(fixture.Today.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
        var due = HistoryReminderPhase.DueFrom(now, HistoryReminderPhase.AnchorOf(siteCode, midnight), entry.Period);
        Assert.InRange(entry.StartAt, before + due, after + due);
        var local = (now + due).ToOffset(TimeSpan.FromHours(8)).TimeOfDay;
        var minute = HistoryReminderPhase.Of(siteCode, HistoryReminderPhase.Window);
        Assert.Contains(local, new[] { TimeSpan.FromHours(11) + minute, TimeSpan.FromHours(23) + minute });
    }
}
