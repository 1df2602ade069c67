using JobHome.Grains.Time;
using Microsoft.Extensions.Time.Testing;

namespace JobHome.Grains.Tests.Time;

public sealed class ServerClockTests
{
    [Fact]
    public void Today_LateEveningUtc_IsTomorrowInShanghai()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 16, 30, 0, TimeSpan.Zero));

        var shanghai = new ServerClock(time, new ServerClockOptions());
        var utc = new ServerClock(time, new ServerClockOptions { TimeZoneId = "UTC" });

        Assert.Equal(new DateOnly(2026, 3, 11), shanghai.Today);
        Assert.Equal(new DateOnly(2026, 3, 10), utc.Today);
    }

    [Fact]
    public void StartOf_Date_IsLocalMidnightAsAnInstant()
    {
        var clock = new ServerClock(new FakeTimeProvider(), new ServerClockOptions());

        var start = clock.StartOf(new DateOnly(2026, 3, 11));

        Assert.Equal(new DateTimeOffset(2026, 3, 10, 16, 0, 0, TimeSpan.Zero), start.ToUniversalTime());
    }

    [Fact]
    public void Today_ClockCrossesLocalMidnight_DateChangesWithoutAnythingElse()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 15, 59, 59, TimeSpan.Zero));
        var clock = new ServerClock(time, new ServerClockOptions());
        var before = clock.Today;

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(new DateOnly(2026, 3, 10), before);
        Assert.Equal(new DateOnly(2026, 3, 11), clock.Today);
    }
}
