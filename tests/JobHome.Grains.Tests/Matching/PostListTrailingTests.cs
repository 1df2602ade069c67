using System.Collections.Concurrent;
using System.Diagnostics;
using JobHome.Domain.Work;
using JobHome.Grains.Hosting;
using JobHome.Grains.Matching;
using JobHome.Grains.Posts;
using JobHome.Grains.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;

namespace JobHome.Grains.Tests.Matching;

/// <summary>
/// Stored post lists trail their stale marks: a registration or a burst of stale notices costs one refresh, run by the
/// seeker without anyone reading the list. Refreshes are observed through the post lists' diagnostic event, which names
/// the seeker. The silo's stale notices run their windows on the fixture's fake clock: a test advances it by one window
/// (the trail's bound before a refresh starts) and then awaits the refresh's event.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PostListTrailingTests : IDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    // Only ends the wait for a refresh the silo runs after a one-way notice (an eventually-consistent effect).
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Window = new MatchingOptions().StaleNoticeWindow;
    private readonly MemoryClusterFixture fixture;
    private readonly ConcurrentDictionary<string, int> _refreshes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<PostListRefreshed>> _events = new(StringComparer.Ordinal);
    private readonly List<IDisposable> _subscriptions = [];
    private readonly List<(string Seeker, int Count, TaskCompletionSource Done)> _waiters = [];
    // Counts each release of a seeker's listings (a deactivation with a list, or a listless activation told by a partition).
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _released = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _forgotten = new(StringComparer.Ordinal);

    /// <summary>Starts counting refreshes per seeker.</summary>
    public PostListTrailingTests(MemoryClusterFixture fixture)
    {
        this.fixture = fixture;
        _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    [Fact]
    public async Task RegisterAsync_UnemployedSeeker_ListRefreshedOnceWithoutARead()
    {
        var scenario = new MatchingScenario(fixture, 38.0, 118.0, seed: 31);
        await scenario.InitializeAsync();
        await scenario.OpenRandomPostAsync(0.05);

        var seeker = await scenario.RegisterRandomSeekerAsync(0.05);

        await WaitForRefreshesAsync(seeker, 1);
        await fixture.Client.GetGrain<ISeekerMatchingGrain>(seeker).GetPostListAsync(5);
        Assert.Equal(1, Refreshes(seeker));
    }

    [Fact]
    public async Task PostListStaleAsync_BurstOfNotices_OneRefresh()
    {
        var scenario = new MatchingScenario(fixture, 39.0, 119.0, seed: 37);
        await scenario.InitializeAsync();
        await scenario.OpenRandomPostAsync(0.05);
        var seeker = await scenario.RegisterRandomSeekerAsync(0.05);
        await WaitForRefreshesAsync(seeker, 1);
        var grain = fixture.Client.GetGrain<ISeekerMatchingGrain>(seeker);

        for (var i = 0; i < 20; i++)
        {
            await grain.PostListStaleAsync();
        }

        await WaitForRefreshesAsync(seeker, 2);
        // A call queued behind the notices: a refresh per notice would have run before it answers.
        await grain.GetPostListAsync(5);
        Assert.Equal(2, Refreshes(seeker));
    }

    [Fact]
    public async Task CloseAsync_ListedPostsOfOnePartitionInOneWindow_OneRefreshOfThatPartitionListExact()
    {
        // The seeker sits near the corner of four cells (0.5°: 41.0, 121.0): its list merges posts from several of them.
        var scenario = new MatchingScenario(fixture, 41.0, 121.0, seed: 41);
        await scenario.InitializeAsync();
        var home = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            home.Add(await scenario.OpenPostAsync(scenario.PerfectPost(41.005 + (i * 0.004), 121.006 + (i * 0.003))));
            await scenario.OpenPostAsync(scenario.PerfectPost(40.995 - (i * 0.004), 120.994 - (i * 0.003)));
        }
        var seeker = await scenario.RegisterSeekerAsync(MatchingScenario.Seeker(41.003, 121.003));
        await WaitForRefreshesAsync(seeker, 1);
        var first = Last(seeker);
        Assert.Equal(20, first.PostIds.Length);
        Assert.True(first.Partitions >= 2, $"the seeker reaches {first.Partitions} partitions");
        var listedHome = first.PostIds.Where(home.Contains).ToArray();
        Assert.True(listedHome.Length >= 6, $"{listedHome.Length} listed posts in the seeker's cell");
        Assert.True(first.PostIds.Length > listedHome.Length, "no listed post from another cell");

        // Five listed posts of the seeker's cell close back to back: one coalesced notice, one refresh of that cell only.
        foreach (var post in listedHome.Take(5))
        {
            Assert.True((await fixture.Client.GetGrain<JobHome.Grains.Posts.IPostGrain>(post).CloseAsync()).Succeeded);
        }
        fixture.Time.Advance(Window);
        await WaitForRefreshesAsync(seeker, 2);
        var second = Last(seeker);
        Assert.Equal(1, second.Partitions);
        var engine = await scenario.EngineAsync();
        var expected = engine.TopPostsForSeeker(await scenario.EngineSeekerAsync(seeker), 20, scenario.Options);
        Assert.Equal(expected.Select(static r => r.Id), second.PostIds);

        // A later change is a refresh of its own: had the five closes cost more than one, this one would be the fourth.
        var sentinel = listedHome[5];
        Assert.True((await fixture.Client.GetGrain<JobHome.Grains.Posts.IPostGrain>(sentinel).CloseAsync()).Succeeded);
        fixture.Time.Advance(Window);
        await WaitForRefreshesAsync(seeker, 3);
        Assert.DoesNotContain(sentinel, Last(seeker).PostIds);
        Assert.Equal(3, Refreshes(seeker));
    }

    [Fact]
    public async Task OpenAsync_NewPostInTheSeekersCell_RefreshAsksOnlyThatPartitionListExact()
    {
        // As above, a seeker near the corner of four cells whose list merges posts from several of them.
        var scenario = new MatchingScenario(fixture, 43.0, 123.0, seed: 43);
        await scenario.InitializeAsync();
        for (var i = 0; i < 6; i++)
        {
            await scenario.OpenPostAsync(scenario.PerfectPost(43.005 + (i * 0.004), 123.006 + (i * 0.003)));
            await scenario.OpenPostAsync(scenario.PerfectPost(42.995 - (i * 0.004), 122.994 - (i * 0.003)));
        }
        var seeker = await scenario.RegisterSeekerAsync(MatchingScenario.Seeker(43.003, 123.003));
        await WaitForRefreshesAsync(seeker, 1);
        Assert.True(Last(seeker).Partitions >= 2, $"the seeker reaches {Last(seeker).Partitions} partitions");

        // A new post in the seeker's cell: its notice names that cell, so the refresh asks it alone and gains the post.
        var added = await scenario.OpenPostAsync(scenario.PerfectPost(43.004, 123.004));
        fixture.Time.Advance(Window);
        await WaitForRefreshesAsync(seeker, 2);
        var second = Last(seeker);
        Assert.Equal(1, second.Partitions);
        Assert.Contains(added, second.PostIds);
        var engine = await scenario.EngineAsync();
        var expected = engine.TopPostsForSeeker(await scenario.EngineSeekerAsync(seeker), 20, scenario.Options);
        Assert.Equal(expected.Select(static r => r.Id), second.PostIds);
    }

    [Fact]
    public async Task OpenAsync_NewPostBelowTheListsFloor_NoPartitionAskedListStaysExact()
    {
        // The middle of a 0.5° cell: 24 perfect posts fill the seeker's top 20 there, so its part has a floor.
        var scenario = new MatchingScenario(fixture, 45.25, 125.25, seed: 47);
        await scenario.InitializeAsync();
        for (var i = 0; i < 24; i++)
        {
            await scenario.OpenPostAsync(scenario.PerfectPost(45.25 + ((i % 6) * 0.004), 125.25 + ((i / 6) * 0.004)));
        }
        var seeker = await scenario.RegisterSeekerAsync(MatchingScenario.Seeker(45.251, 125.251));
        await WaitForRefreshesAsync(seeker, 1);
        var first = Last(seeker);
        Assert.Equal(20, first.PostIds.Length);

        // A weak post (another occupation, low pay) next door: the seeker is among its top seekers, so it is told, but the
        // post's score is below the 20th of its part, so the refresh asks no partition.
        var weak = await scenario.OpenPostAsync(new PostProfile(TestNetwork.Village, "x", "文员", "4-01-01-01", 1, 2000, 2500,
            45.252, 125.252, WorkKind.FullTime));
        fixture.Time.Advance(Window);
        await WaitForRefreshesAsync(seeker, 2);
        var second = Last(seeker);
        Assert.Equal(0, second.Partitions);
        Assert.Equal(1, second.Skipped);
        Assert.Equal(first.PostIds, second.PostIds);
        var engine = await scenario.EngineAsync();
        var expected = engine.TopPostsForSeeker(await scenario.EngineSeekerAsync(seeker), 20, scenario.Options);
        Assert.DoesNotContain(weak, expected.Select(static r => r.Id));
        Assert.Equal(expected.Select(static r => r.Id), second.PostIds);
        var read = await fixture.Client.GetGrain<ISeekerMatchingGrain>(seeker).GetPostListAsync(20);
        Assert.NotNull(read);
        MatchingScenario.AssertSame(expected, read.Items);

        // A post that does enter: the same partition is asked and the list gains it.
        var strong = await scenario.OpenPostAsync(scenario.PerfectPost(45.251, 125.251));
        fixture.Time.Advance(Window);
        await WaitForRefreshesAsync(seeker, 3);
        var third = Last(seeker);
        Assert.Equal(1, third.Partitions);
        Assert.Equal(0, third.Skipped);
        Assert.Equal(strong, third.PostIds[0]);
        engine = await scenario.EngineAsync();
        expected = engine.TopPostsForSeeker(await scenario.EngineSeekerAsync(seeker), 20, scenario.Options);
        Assert.Equal(expected.Select(static r => r.Id), third.PostIds);
    }

    [Fact]
    public async Task CloseAsync_ListedPost_RefreshedOneWindowAfterTheCloseNotBefore()
    {
        var scenario = new MatchingScenario(fixture, 47.25, 127.25, seed: 53);
        await scenario.InitializeAsync();
        var posts = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            posts.Add(await scenario.OpenPostAsync(scenario.PerfectPost(47.25 + (i * 0.003), 127.25 + (i * 0.002))));
        }
        var seeker = await scenario.RegisterSeekerAsync(MatchingScenario.Seeker(47.251, 127.251));
        await WaitForRefreshesAsync(seeker, 1);
        Assert.Equal(6, Last(seeker).PostIds.Length);
        // Sends whatever earlier tests left in an open window, so the close below opens a window of its own.
        fixture.Time.Advance(Window);

        Assert.True((await fixture.Client.GetGrain<JobHome.Grains.Posts.IPostGrain>(posts[2]).CloseAsync()).Succeeded);
        fixture.Time.Advance(Window - TimeSpan.FromMilliseconds(1));
        // The window's notices go out as the fake clock reaches its end, inside Advance: none is due yet.
        Assert.Equal(1, Refreshes(seeker));
        fixture.Time.Advance(TimeSpan.FromMilliseconds(1));
        await WaitForRefreshesAsync(seeker, 2);

        var refreshed = Last(seeker);
        // The trail on the silo's clock: exactly one window from the close to the refresh (the clock stood still after).
        Assert.Equal(Window.TotalMilliseconds, refreshed.LagMilliseconds);
        Assert.Equal(5, refreshed.PostIds.Length);
        Assert.DoesNotContain(posts[2], refreshed.PostIds);
    }

    [Fact]
    public async Task DeactivateOnIdle_SeekerWithAList_ListingsReleasedLaterCloseOrNewPostNotifiesNobodyReadStillExact()
    {
        var scenario = new MatchingScenario(fixture, 53.25, 133.25, seed: 67);
        await scenario.InitializeAsync();
        var posts = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            posts.Add(await scenario.OpenPostAsync(scenario.PerfectPost(53.25 + (i * 0.003), 133.25 + (i * 0.002))));
        }
        var seeker = await scenario.RegisterSeekerAsync(MatchingScenario.Seeker(53.251, 133.251));
        await WaitForRefreshesAsync(seeker, 1);
        Assert.Equal(6, Last(seeker).PostIds.Length);
        var notices = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<StaleListNotices>();
        var released = _released.GetOrAdd(seeker, static _ => new SemaphoreSlim(0));
        var forgotten = _forgotten.GetOrAdd(seeker, static _ => NewSignal());

        // While the seeker holds its list, a listed post's close and a new post next door each queue a notice for it.
        var queued = notices.Queued;
        Assert.True((await fixture.Client.GetGrain<JobHome.Grains.Posts.IPostGrain>(posts[0]).CloseAsync()).Succeeded);
        Assert.Equal(queued + 1, notices.Queued);
        await scenario.OpenPostAsync(scenario.PerfectPost(53.252, 133.252));
        Assert.Equal(queued + 2, notices.Queued);
        fixture.Time.Advance(Window);
        await WaitForRefreshesAsync(seeker, 2);

        // Collected: its list goes with the activation, and one window later the partition forgets the listing.
        await fixture.Client.GetGrain<ISeekerMatchingGrain>(seeker).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        Assert.True(await released.WaitAsync(Deadline), "the deactivated seeker released no listing");
        fixture.Time.Advance(Window);
        await forgotten.Task.WaitAsync(Deadline);

        // A close of a post it had listed queues nothing: the partition forgot the listing.
        queued = notices.Queued;
        Assert.True((await fixture.Client.GetGrain<JobHome.Grains.Posts.IPostGrain>(posts[1]).CloseAsync()).Succeeded);
        Assert.Equal(queued, notices.Queued);

        // A new post next door still tells it while the partition is young (it activated less than the record grains'
        // collection age ago, so a live seeker may hold a part from an earlier activation it never saw) ...
        await scenario.OpenPostAsync(scenario.PerfectPost(53.253, 133.253));
        Assert.Equal(queued + 1, notices.Queued);

        // ... and no longer once that age has passed: no notice reactivates the seeker for a list nobody holds.
        fixture.Time.Advance(new ActivationOptions().RecordAge + ActivationOptions.CollectionQuantum + Window);
        queued = notices.Queued;
        await scenario.OpenPostAsync(scenario.PerfectPost(53.2535, 133.2535));
        Assert.Equal(queued, notices.Queued);
        Assert.Equal(2, Refreshes(seeker));
        // The young partition's notice (sent when the clock passed its window) reached a seeker activation without a list:
        // it releases that partition's listing again rather than refreshing (self-healing a lost or misjudged release).
        Assert.True(await released.WaitAsync(Deadline), "the listless seeker told by a partition released nothing");

        // The next read computes the list afresh, exactly the engine's.
        var read = await fixture.Client.GetGrain<ISeekerMatchingGrain>(seeker).GetPostListAsync(20);
        Assert.NotNull(read);
        var engine = await scenario.EngineAsync();
        MatchingScenario.AssertSame(engine.TopPostsForSeeker(await scenario.EngineSeekerAsync(seeker), 20, scenario.Options), read.Items);
        Assert.Equal(7, read.Items.Length);
    }

    [Fact]
    public async Task CloseAsync_ListedPost_RefreshExplainsOnlyNewcomersReadEqualsEngineWithFactors()
    {
        // 24 perfect-ish posts with different pay: the seeker's top 20 leaves 4 in reserve, so a close brings one in.
        var scenario = new MatchingScenario(fixture, 51.25, 131.25, seed: 61);
        await scenario.InitializeAsync();
        var posts = new List<string>();
        for (var i = 0; i < 24; i++)
        {
            posts.Add(await scenario.OpenPostAsync(scenario.PerfectPost(51.25 + ((i % 6) * 0.004), 131.25 + ((i / 6) * 0.004))
                with { PayMin = 5000 + (i * 50), PayMax = 6000 + (i * 50) }));
        }
        var seeker = await scenario.RegisterSeekerAsync(MatchingScenario.Seeker(51.251, 131.251));
        await WaitForRefreshesAsync(seeker, 1);
        var first = Last(seeker);
        Assert.Equal(20, first.PostIds.Length);
        fixture.Time.Advance(Window);

        Assert.True((await fixture.Client.GetGrain<JobHome.Grains.Posts.IPostGrain>(first.PostIds[3]).CloseAsync()).Succeeded);
        fixture.Time.Advance(Window);
        await WaitForRefreshesAsync(seeker, 2);

        var second = Last(seeker);
        Assert.Equal(1, second.Partitions);
        Assert.DoesNotContain(first.PostIds[3], second.PostIds);
        // The stored list (read at an unchanged version: served as refreshed, its held words completed) is the engine's.
        var read = await fixture.Client.GetGrain<ISeekerMatchingGrain>(seeker).GetPostListAsync(20);
        Assert.NotNull(read);
        Assert.Equal(second.PostIds, read.Items.Select(static i => i.Id));
        var engine = await scenario.EngineAsync();
        MatchingScenario.AssertSame(engine.TopPostsForSeeker(await scenario.EngineSeekerAsync(seeker), 20, scenario.Options), read.Items);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_subscriptions)
        {
            _subscriptions.ForEach(static s => s.Dispose());
        }
        foreach (var released in _released.Values)
        {
            released.Dispose();
        }
    }

    /// <inheritdoc />
    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == PostListMetrics.MeterName)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    /// <inheritdoc />
    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == PostListMetrics.ReleasedEvent && value.Value is string releasedSeeker)
        {
            _released.GetOrAdd(releasedSeeker, static _ => new SemaphoreSlim(0)).Release();
        }
        if (value.Key == PostListMetrics.ForgottenEvent && value.Value is ListingsForgotten forgotten)
        {
            foreach (var id in forgotten.SeekerIds)
            {
                _forgotten.GetOrAdd(id, static _ => NewSignal()).TrySetResult();
            }
        }
        if (value.Key == PostListMetrics.RefreshedEvent && value.Value is PostListRefreshed refreshed)
        {
            _events.GetOrAdd(refreshed.SeekerId, static _ => new ConcurrentQueue<PostListRefreshed>()).Enqueue(refreshed);
            var count = _refreshes.AddOrUpdate(refreshed.SeekerId, 1, static (_, n) => n + 1);
            lock (_waiters)
            {
                foreach (var waiter in _waiters.Where(w => w.Seeker == refreshed.SeekerId && w.Count <= count))
                {
                    waiter.Done.TrySetResult();
                }
            }
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int Refreshes(string seeker) => _refreshes.GetValueOrDefault(seeker);

    private PostListRefreshed Last(string seeker) => _events[seeker].Last();

    // The refresh runs in the silo after a one-way call: await its event (no polling), the deadline only ends the wait.
    private async Task WaitForRefreshesAsync(string seeker, int count)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            _waiters.Add((seeker, count, done));
        }
        if (Refreshes(seeker) >= count)
        {
            done.TrySetResult();
        }
        try
        {
            await done.Task.WaitAsync(Deadline);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"seeker {seeker}: {Refreshes(seeker)} refreshes, expected {count}");
        }
    }
}
