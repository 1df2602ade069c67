using JobHome.Grains.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace JobHome.Grains.Tests.Diagnostics;

/// <summary>The slow-call log writes one line per grain type and method per interval, naming the calls it held back.</summary>
public sealed class SlowCallLogGateTests
{
    [Fact]
    public void TryEnter_BurstWithinInterval_OneLineThenTheNextNamesTheHeldBack()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        var gate = new SlowCallLogGate(time, TimeSpan.FromSeconds(10));

        Assert.True(gate.TryEnter("matchpartition TopPosts", out var first));
        Assert.Equal(0, first);
        Assert.False(gate.TryEnter("matchpartition TopPosts", out _));
        Assert.False(gate.TryEnter("matchpartition TopPosts", out _));
        // Another key has its own line.
        Assert.True(gate.TryEnter("seeker Register", out _));

        time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromTicks(1));
        Assert.False(gate.TryEnter("matchpartition TopPosts", out _));
        time.Advance(TimeSpan.FromTicks(1));
        Assert.True(gate.TryEnter("matchpartition TopPosts", out var heldBack));
        Assert.Equal(3, heldBack);
    }

    [Fact]
    public void New_NonPositiveInterval_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlowCallLogGate(TimeProvider.System, TimeSpan.Zero));
    }
}
