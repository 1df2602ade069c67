using JobHome.Grains.Matching;
using Microsoft.Extensions.Time.Testing;

namespace JobHome.Grains.Tests.Matching;

/// <summary>The per-silo coalescing of new posts' stale notices (one notice per distinct seeker per window).</summary>
public sealed class StaleListNoticesTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Add_OverlappingTopSeekersInOneWindow_OneNoticePerSeekerAfterTheWindow()
    {
        var time = new FakeTimeProvider();
        var sent = new List<string>();
        var four = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var notices = new StaleListNotices(id =>
        {
            lock (sent)
            {
                sent.Add(id);
                if (sent.Count == 4)
                {
                    four.TrySetResult();
                }
            }
        }, time, Window);

        notices.Add(Items("a", "b", "c"));
        notices.Add(Items("b", "c", "d"));
        notices.Add(Items("a", "d"));
        time.Advance(Window - TimeSpan.FromMilliseconds(1));
        lock (sent)
        {
            Assert.Empty(sent);
        }

        time.Advance(TimeSpan.FromMilliseconds(1));
        await four.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(["a", "b", "c", "d"], sent.Order(StringComparer.Ordinal));
        Assert.Equal(4, notices.Sent);
    }

    [Fact]
    public async Task Add_AfterAWindowClosed_StartsTheNextWindow()
    {
        var time = new FakeTimeProvider();
        var sent = new List<string>();
        var signals = new[] { NewSignal(), NewSignal() };
        var notices = new StaleListNotices(id =>
        {
            lock (sent)
            {
                sent.Add(id);
                signals[sent.Count - 1].TrySetResult();
            }
        }, time, Window);

        notices.Add(Items("a"));
        time.Advance(Window);
        await signals[0].Task.WaitAsync(TimeSpan.FromSeconds(30));
        notices.Add(Items("a"));
        time.Advance(Window);
        await signals[1].Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["a", "a"], sent);
        Assert.Equal(2, notices.Sent);
    }

    [Fact]
    public void Add_NoItems_ArmsNothing()
    {
        var time = new FakeTimeProvider();
        var calls = 0;
        var notices = new StaleListNotices(_ => Interlocked.Increment(ref calls), time, Window);
        notices.Add([]);
        time.Advance(Window * 2);
        Assert.Equal(0, Volatile.Read(ref calls));
        Assert.Equal(0, notices.Sent);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static MatchItem[] Items(params string[] ids) => [.. ids.Select(id => new MatchItem(id, 1.0, []))];
}
