using JobHome.Grains.History;

namespace JobHome.Grains.Tests.Indicators;

/// <summary>The sites' history reminders spread over the period at a fixed, process-independent phase per site.</summary>
public sealed class HistoryReminderPhaseTests
{
    private static readonly TimeSpan Period = IndicatorHistoryGrain.Period;

    [Fact]
    public void Of_ProvinceOfSiteCodes_SpreadsOverEveryMinuteOfThePeriod()
    {
        // Codes shaped like the province's villages: 4,000 sites over a 15-minute period, ~267 per minute.
        var perMinute = new int[(int)Period.TotalMinutes];
        for (var i = 0; i < 4000; i++)
        {
            var phase = HistoryReminderPhase.Of($"V36{i / 100:D4}01{i % 100:D2}", Period);
            Assert.InRange(phase, TimeSpan.Zero, Period - TimeSpan.FromTicks(1));
            perMinute[(int)phase.TotalMinutes]++;
        }
        Assert.All(perMinute, count => Assert.InRange(count, 160, 380));
    }

    [Fact]
    public void Of_SameCode_SamePhase_DifferentCodes_DifferentPhases()
    {
        Assert.Equal(HistoryReminderPhase.Of("T36072201", Period), HistoryReminderPhase.Of("T36072201", Period));
        Assert.NotEqual(HistoryReminderPhase.Of("V3607220101", Period), HistoryReminderPhase.Of("V3607220102", Period));
        // FNV-1a, not string.GetHashCode (randomised per process): a fixed value.
        Assert.Equal(TimeSpan.FromTicks((long)(0xaf63dc4c8601ec8cUL % (ulong)Period.Ticks)), HistoryReminderPhase.Of("a", Period));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(125, 300)]
    [InlineData(899, 10)]
    [InlineData(10, 899)]
    public void DueFrom_LandsOnThePhase_WithinOnePeriod(int secondsIntoPeriod, int phaseSeconds)
    {
        var start = new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
        var now = start + TimeSpan.FromSeconds(secondsIntoPeriod);
        var phase = TimeSpan.FromSeconds(phaseSeconds);
        var due = HistoryReminderPhase.DueFrom(now, phase, Period);
        Assert.InRange(due, TimeSpan.Zero, Period - TimeSpan.FromTicks(1));
        Assert.Equal(phase.Ticks, (now + due).UtcTicks % Period.Ticks);
        Assert.False(HistoryReminderPhase.IsOffPhase((now + due).UtcDateTime, phase, Period, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void IsOffPhase_NearThePhaseAcrossThePeriodBoundary_IsOnPhase_FarIsOff()
    {
        var start = new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc);
        var phase = TimeSpan.FromSeconds(1);
        Assert.False(HistoryReminderPhase.IsOffPhase(start.AddSeconds(-2), phase, Period, TimeSpan.FromSeconds(5)));
        Assert.True(HistoryReminderPhase.IsOffPhase(start.AddSeconds(60), phase, Period, TimeSpan.FromSeconds(5)));
    }
}
