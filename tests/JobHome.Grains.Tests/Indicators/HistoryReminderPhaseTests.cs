using JobHome.Grains.History;

namespace JobHome.Grains.Tests.Indicators;

/// <summary>
/// The sites' history reminders tick twice a day, in the last hour of the server's day and twelve hours before, each site
/// at a fixed, process-independent minute of the window.
/// </summary>
public sealed class HistoryReminderPhaseTests
{
    private static readonly TimeSpan Period = IndicatorHistoryGrain.Period;
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    // Midnight in Shanghai on 30 Nov 2026 as an instant (what ServerClock.StartOf gives for the default zone).
    private static readonly DateTimeOffset Midnight = new(2026, 11, 30, 0, 0, 0, Shanghai);

    [Fact]
    public void Of_ProvinceOfSiteCodes_SpreadsOverEveryMinuteOfTheWindow()
    {
        // Codes shaped like the province's villages: 4,000 sites over the 50-minute window, 80 per minute.
        var perMinute = new int[(int)HistoryReminderPhase.Window.TotalMinutes];
        for (var i = 0; i < 4000; i++)
        {
            var offset = HistoryReminderPhase.Of($"V36{i / 100:D4}01{i % 100:D2}", HistoryReminderPhase.Window);
            Assert.InRange(offset, TimeSpan.Zero, HistoryReminderPhase.Window - TimeSpan.FromTicks(1));
            perMinute[(int)offset.TotalMinutes]++;
        }
        Assert.All(perMinute, count => Assert.InRange(count, 40, 130));
    }

    [Fact]
    public void Of_SameCode_SameOffset_DifferentCodes_DifferentOffsets()
    {
        var window = HistoryReminderPhase.Window;
        Assert.Equal(HistoryReminderPhase.Of("T36072201", window), HistoryReminderPhase.Of("T36072201", window));
        Assert.NotEqual(HistoryReminderPhase.Of("V3607220101", window), HistoryReminderPhase.Of("V3607220102", window));
        // FNV-1a, not string.GetHashCode (randomised per process): a fixed value.
        Assert.Equal(TimeSpan.FromTicks((long)(0xaf63dc4c8601ec8cUL % (ulong)window.Ticks)), HistoryReminderPhase.Of("a", window));
    }

    [Fact]
    public void AnchorOf_InTheLastHourOfTheServerDay_BeforeMidnight()
    {
        foreach (var code in new[] { "360000", "360722", "V3607220101", "36K0064101001", "a" })
        {
            var local = HistoryReminderPhase.AnchorOf(code, Midnight).ToOffset(Shanghai);
            Assert.Equal(new DateOnly(2026, 11, 30), DateOnly.FromDateTime(local.DateTime));
            Assert.InRange(local.TimeOfDay, TimeSpan.FromHours(23), new TimeSpan(23, 50, 0));
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(10, 30)]
    [InlineData(11, 55)]
    [InlineData(23, 10)]
    [InlineData(23, 59)]
    public void DueFrom_NextTickIsTheSitesMinute_At11Or23_WithinOnePeriod(int hour, int minute)
    {
        const string code = "V3607220101";
        var now = Midnight + new TimeSpan(hour, minute, 0);
        var anchor = HistoryReminderPhase.AnchorOf(code, Midnight);
        var due = HistoryReminderPhase.DueFrom(now, anchor, Period);
        Assert.InRange(due, TimeSpan.Zero, Period - TimeSpan.FromTicks(1));
        var tick = (now + due).ToOffset(Shanghai).TimeOfDay;
        var offset = HistoryReminderPhase.Of(code, HistoryReminderPhase.Window);
        Assert.Contains(tick, new[] { TimeSpan.FromHours(11) + offset, TimeSpan.FromHours(23) + offset });
        Assert.False(HistoryReminderPhase.IsOffSchedule(Period, (now + due).UtcDateTime, anchor, Period, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void IsOffSchedule_QuarterHourReminder_IsOff_EvenOnTheMinute()
    {
        var anchor = HistoryReminderPhase.AnchorOf("V3607220101", Midnight);
        Assert.True(HistoryReminderPhase.IsOffSchedule(TimeSpan.FromMinutes(15), anchor.UtcDateTime, anchor, Period,
            TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void IsOffSchedule_NearTheTickAcrossPeriods_IsOn_FarIsOff()
    {
        var anchor = HistoryReminderPhase.AnchorOf("V3607220101", Midnight);
        var tolerance = TimeSpan.FromSeconds(5);
        Assert.False(HistoryReminderPhase.IsOffSchedule(Period, anchor.UtcDateTime.AddSeconds(-2), anchor, Period, tolerance));
        Assert.False(HistoryReminderPhase.IsOffSchedule(Period, anchor.UtcDateTime.AddHours(-36).AddSeconds(3), anchor, Period,
            tolerance));
        Assert.True(HistoryReminderPhase.IsOffSchedule(Period, anchor.UtcDateTime.AddSeconds(60), anchor, Period, tolerance));
        Assert.True(HistoryReminderPhase.IsOffSchedule(Period, anchor.UtcDateTime.AddHours(-6), anchor, Period, tolerance));
    }
}
