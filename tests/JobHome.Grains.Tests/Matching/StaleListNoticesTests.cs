using JobHome.Grains.Matching;
using Microsoft.Extensions.Time.Testing;

namespace JobHome.Grains.Tests.Matching;

/// <summary>
/// The per-silo coalescing of stale notices: one notice per distinct seeker per window, naming the partitions whose part
/// changed (none = all, for a new post); the window is never extended (the trail's bound) and nothing queued is lost.
/// </summary>
public sealed class StaleListNoticesTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Add_OverlappingTopSeekersInOneWindow_OneNoticePerSeekerAfterTheWindow()
    {
        var time = new FakeTimeProvider();
        var sink = new NoticeSink(4);
        var notices = new StaleListNotices(sink.Notify, time, Window);

        notices.Add(Items("a", "b", "c"));
        notices.Add(Items("b", "c", "d"));
        notices.Add(Items("a", "d"));
        time.Advance(Window - TimeSpan.FromMilliseconds(1));
        Assert.Empty(sink.Snapshot());

        time.Advance(TimeSpan.FromMilliseconds(1));
        await sink.Done.WaitAsync(TimeSpan.FromSeconds(30));
        var sent = sink.Snapshot();
        Assert.Equal(["a", "b", "c", "d"], sent.Select(static s => s.Seeker).Order(StringComparer.Ordinal));
        Assert.All(sent, static s => Assert.Null(s.Notice.Partitions));
        Assert.Equal(4, notices.Sent);
        Assert.Equal(8, notices.Queued);
    }

    [Fact]
    public async Task AddListing_ManyChangesOfOneSeekersPosts_OneNoticeNamingTheirPartitions()
    {
        var time = new FakeTimeProvider();
        var sink = new NoticeSink(2);
        var notices = new StaleListNotices(sink.Notify, time, Window);

        // Ten posts the seeker "s" lists change in two partitions, and "t" lists one; "n" is also a new post's top seeker.
        for (var i = 0; i < 10; i++)
        {
            notices.AddListing(i % 2 == 0 ? "g/1/1" : "g/1/2", ["s"]);
        }
        notices.AddListing("g/1/1", ["t"]);
        notices.Add(Items("t"));
        notices.AddListing("g/1/2", ["t"]);
        time.Advance(Window);
        await sink.Done.WaitAsync(TimeSpan.FromSeconds(30));

        var sent = sink.Snapshot().ToDictionary(static s => s.Seeker, static s => s.Notice);
        Assert.Equal(2, sent.Count);
        Assert.Equal(["g/1/1", "g/1/2"], sent["s"].Partitions!.Order(StringComparer.Ordinal));
        // A new post's notice asks every partition, whatever else was queued for the seeker.
        Assert.Null(sent["t"].Partitions);
        Assert.Equal(2, notices.Sent);
        Assert.Equal(13, notices.Queued);
    }

    [Fact]
    public async Task AddListing_NoticesKeepComing_SentOneWindowAfterTheFirstWithItsTime()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 4, 0, 0, TimeSpan.Zero));
        var first = time.GetUtcNow();
        var sink = new NoticeSink(1);
        var notices = new StaleListNotices(sink.Notify, time, Window);

        // A change every 10 ms: a sliding window would never send; this one sends at first + Window.
        for (var i = 0; i < 10; i++)
        {
            notices.AddListing("g/2/2", ["s"]);
            Assert.Empty(sink.Snapshot());
            time.Advance(TimeSpan.FromMilliseconds(10));
        }
        await sink.Done.WaitAsync(TimeSpan.FromSeconds(30));

        var (seeker, notice) = Assert.Single(sink.Snapshot());
        Assert.Equal("s", seeker);
        Assert.Equal(first, notice.Since);
        Assert.Equal(first + Window, time.GetUtcNow());
    }

    [Fact]
    public async Task AddListing_DuringAFlush_SentInTheNextWindow()
    {
        var time = new FakeTimeProvider();
        var sent = new List<string>();
        var signals = new[] { NewSignal(), NewSignal() };
        StaleListNotices? notices = null;
        notices = new StaleListNotices((id, _) =>
        {
            int count;
            lock (sent)
            {
                sent.Add(id);
                count = sent.Count;
            }
            if (count == 1)
            {
                // A change arriving while the previous window's notices go out (e.g. during the seeker's refresh).
                notices!.AddListing("g/3/3", [id]);
            }
            signals[count - 1].TrySetResult();
        }, time, Window);

        notices.AddListing("g/3/3", ["s"]);
        time.Advance(Window);
        await signals[0].Task.WaitAsync(TimeSpan.FromSeconds(30));
        time.Advance(Window);
        await signals[1].Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["s", "s"], sent);
        Assert.Equal(2, notices.Sent);
    }

    [Fact]
    public async Task Add_NewPostWithItsPartition_NamesOnlyThatPartition()
    {
        var time = new FakeTimeProvider();
        var sink = new NoticeSink(2);
        var notices = new StaleListNotices(sink.Notify, time, Window);

        notices.Add("g/5/5", Items("a", "b"));
        notices.AddListing("g/5/6", ["b"]);
        time.Advance(Window);
        await sink.Done.WaitAsync(TimeSpan.FromSeconds(30));

        var sent = sink.Snapshot().ToDictionary(static s => s.Seeker, static s => s.Notice);
        Assert.Equal(["g/5/5"], sent["a"].Partitions!);
        Assert.Equal(["g/5/5", "g/5/6"], sent["b"].Partitions!.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Add_NewPostsAndListedChangesInOneWindow_GainIsTheBestNewScoreUnlessAListedPostChanged()
    {
        var time = new FakeTimeProvider();
        var sink = new NoticeSink(3);
        var notices = new StaleListNotices(sink.Notify, time, Window);

        // "a": two new posts in g/7/7 (0.4, then 0.6) and one in g/7/8 (0.5); "b": a new post, then a listed post changes
        // in the same partition; "c": a listed post changes, then a new post comes (the change still wins).
        notices.Add("g/7/7", [new MatchItem("a", 0.4, []), new MatchItem("b", 0.3, [])]);
        notices.Add("g/7/7", [new MatchItem("a", 0.6, [])]);
        notices.Add("g/7/8", [new MatchItem("a", 0.5, [])]);
        notices.AddListing("g/7/7", ["b", "c"]);
        notices.Add("g/7/7", [new MatchItem("c", 0.9, [])]);
        time.Advance(Window);
        await sink.Done.WaitAsync(TimeSpan.FromSeconds(30));

        var sent = sink.Snapshot().ToDictionary(static s => s.Seeker, static s => s.Notice);
        Assert.Equal(new Dictionary<string, double> { ["g/7/7"] = 0.6, ["g/7/8"] = 0.5 }, Gains(sent["a"]));
        Assert.Equal(new Dictionary<string, double> { ["g/7/7"] = StaleListNotice.MustAsk }, Gains(sent["b"]));
        Assert.Equal(new Dictionary<string, double> { ["g/7/7"] = StaleListNotice.MustAsk }, Gains(sent["c"]));
    }

    [Fact]
    public void Add_WithThePartitionRoute_SentAtOnceToThePostsPartitionWithScoresAndTimeNoNotice()
    {
        var time = new FakeTimeProvider();
        var notified = 0;
        var routed = new List<(string Partition, string? Post, string[] Seekers, double[] Scores, DateTimeOffset Since)>();
        var notices = new StaleListNotices((_, _) => Interlocked.Increment(ref notified), time, Window,
            gain: (partition, post, seekers, scores, since) => routed.Add((partition, post, seekers, scores, since)));

        notices.Add("g/9/9", [new MatchItem("a", 0.4, []), new MatchItem("b", 0.7, [])], "p1");
        notices.Add("g/9/9", []);

        // One call, at once (the partition's own window coalesces), stamped with the change's time, naming the post.
        var call = Assert.Single(routed);
        Assert.Equal("g/9/9", call.Partition);
        Assert.Equal("p1", call.Post);
        Assert.Equal(["a", "b"], call.Seekers);
        Assert.Equal([0.4, 0.7], call.Scores);
        Assert.Equal(time.GetUtcNow(), call.Since);
        time.Advance(Window * 2);
        Assert.Equal(0, Volatile.Read(ref notified));
        Assert.Equal(0, notices.Queued);
    }

    [Fact]
    public void Add_NoItems_ArmsNothing()
    {
        var time = new FakeTimeProvider();
        var calls = 0;
        var notices = new StaleListNotices((_, _) => Interlocked.Increment(ref calls), time, Window);
        notices.Add([]);
        notices.AddListing("g/4/4", []);
        time.Advance(Window * 2);
        Assert.Equal(0, Volatile.Read(ref calls));
        Assert.Equal(0, notices.Sent);
    }

    private static Dictionary<string, double> Gains(StaleListNotice notice) =>
        notice.Partitions!.Select((p, i) => (p, notice.Gains![i])).ToDictionary(static x => x.p, static x => x.Item2);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static MatchItem[] Items(params string[] ids) => [.. ids.Select(id => new MatchItem(id, 1.0, []))];

    // Collects notices; Done completes once the expected number arrived.
    private sealed class NoticeSink(int expected)
    {
        private readonly List<(string Seeker, StaleListNotice Notice)> _sent = [];

        public TaskCompletionSource Signal { get; } = NewSignal();

        public Task Done => Signal.Task;

        public void Notify(string seeker, StaleListNotice notice)
        {
            lock (_sent)
            {
                _sent.Add((seeker, notice));
                if (_sent.Count == expected)
                {
                    Signal.TrySetResult();
                }
            }
        }

        public (string Seeker, StaleListNotice Notice)[] Snapshot()
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }
}
