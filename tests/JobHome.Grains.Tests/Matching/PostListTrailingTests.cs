using System.Collections.Concurrent;
using System.Diagnostics;
using JobHome.Grains.Matching;
using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Matching;

/// <summary>
/// Stored post lists trail their stale marks: a registration or a burst of stale notices costs one refresh, run by the
/// seeker without anyone reading the list. Refreshes are observed through the post lists' diagnostic event, which names
/// the seeker.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PostListTrailingTests : IDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly MemoryClusterFixture fixture;
    private readonly ConcurrentDictionary<string, int> _refreshes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<PostListRefreshed>> _events = new(StringComparer.Ordinal);
    private readonly List<IDisposable> _subscriptions = [];

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
        await WaitForRefreshesAsync(seeker, 2);
        var second = Last(seeker);
        Assert.Equal(1, second.Partitions);
        var engine = await scenario.EngineAsync();
        var expected = engine.TopPostsForSeeker(await scenario.EngineSeekerAsync(seeker), 20, scenario.Options);
        Assert.Equal(expected.Select(static r => r.Id), second.PostIds);

        // A later change is a refresh of its own: had the five closes cost more than one, this one would be the fourth.
        var sentinel = listedHome[5];
        Assert.True((await fixture.Client.GetGrain<JobHome.Grains.Posts.IPostGrain>(sentinel).CloseAsync()).Succeeded);
        var clock = Stopwatch.StartNew();
        while (Last(seeker).PostIds.Contains(sentinel))
        {
            Assert.True(clock.Elapsed < Deadline, "the sentinel's close was never refreshed");
            await Task.Delay(20);
        }
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
        await WaitForRefreshesAsync(seeker, 2);
        var second = Last(seeker);
        Assert.Equal(1, second.Partitions);
        Assert.Contains(added, second.PostIds);
        var engine = await scenario.EngineAsync();
        var expected = engine.TopPostsForSeeker(await scenario.EngineSeekerAsync(seeker), 20, scenario.Options);
        Assert.Equal(expected.Select(static r => r.Id), second.PostIds);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_subscriptions)
        {
            _subscriptions.ForEach(static s => s.Dispose());
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
        if (value.Key == PostListMetrics.RefreshedEvent && value.Value is PostListRefreshed refreshed)
        {
            _events.GetOrAdd(refreshed.SeekerId, static _ => new ConcurrentQueue<PostListRefreshed>()).Enqueue(refreshed);
            _refreshes.AddOrUpdate(refreshed.SeekerId, 1, static (_, n) => n + 1);
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

    private int Refreshes(string seeker) => _refreshes.GetValueOrDefault(seeker);

    private PostListRefreshed Last(string seeker) => _events[seeker].Last();

    // The refresh runs on the seeker's timer in the silo: poll with a deadline.
    private async Task WaitForRefreshesAsync(string seeker, int count)
    {
        var clock = Stopwatch.StartNew();
        while (Refreshes(seeker) < count)
        {
            Assert.True(clock.Elapsed < Deadline, $"seeker {seeker}: {Refreshes(seeker)} refreshes, expected {count}");
            await Task.Delay(20);
        }
    }
}
