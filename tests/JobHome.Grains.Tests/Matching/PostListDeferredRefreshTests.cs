using System.Diagnostics;
using JobHome.Grains.Matching;
using JobHome.Grains.Posts;
using JobHome.Grains.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace JobHome.Grains.Tests.Matching;

/// <summary>
/// A stale notice's refresh defers a partition whose refresh permits are all taken (<see cref="PartitionRefreshPermits"/>):
/// the part stays as it was, reads stay exact, a new seeker's first list is not deferred, and once a permit frees the
/// seeker's timer brings the list up to date, asking only the partitions it deferred. The test holds every permit of the
/// seeker's partitions itself (the silo's own service), so nothing depends on timing but the seeker's retry timer, whose
/// refresh event ends the wait; which partitions each refresh asked is counted per partition
/// (<see cref="PostListMetrics.AskedEvent"/>).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PostListDeferredRefreshTests : IDisposable, IObserver<DiagnosticListener>,
    IObserver<KeyValuePair<string, object?>>
{
    // Only ends the wait for a refresh the silo runs after a one-way notice or a timer (an eventually-consistent effect).
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Window = new MatchingOptions().StaleNoticeWindow;
    private const double Lat = 55.25;
    private const double Lon = 135.25;
    private readonly MemoryClusterFixture fixture;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly Dictionary<string, List<PostListRefreshed>> _events = new(StringComparer.Ordinal);
    // Per seeker, every partition query of its stored list in order (partition, cause).
    private readonly Dictionary<string, List<PostListPartitionAsked>> _asked = new(StringComparer.Ordinal);
    private readonly List<(string Seeker, int After, Func<PostListRefreshed, bool> Match, TaskCompletionSource<PostListRefreshed> Done)>
        _waiters = [];

    /// <summary>Starts recording the post lists' refresh events.</summary>
    public PostListDeferredRefreshTests(MemoryClusterFixture fixture)
    {
        this.fixture = fixture;
        _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    [Fact]
    public async Task StaleNotice_PartitionPermitsAllTaken_DeferredReadExactRefreshedOnTheTimerOncePermitFrees()
    {
        var scenario = new MatchingScenario(fixture, Lat, Lon, seed: 71);
        await scenario.InitializeAsync();
        var posts = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            posts.Add(await scenario.OpenPostAsync(scenario.PerfectPost(Lat + (i * 0.003), Lon + (i * 0.002))));
        }
        var seeker = await scenario.RegisterSeekerAsync(MatchingScenario.Seeker(Lat + 0.001, Lon + 0.001));
        var first = await NextAsync(seeker, 0, static _ => true);
        Assert.Equal(8, first.PostIds.Length);
        var permits = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<PartitionRefreshPermits>();
        var reach = MatchPartitions.Reach(Lat + 0.001, Lon + 0.001, new MatchingOptions().MaxKm, new MatchingOptions().CellDegrees);
        // Sends whatever earlier tests left in an open window, so the closes below open windows of their own.
        fixture.Time.Advance(Window);

        // Every permit of the seeker's partitions held: the close's notice refresh asks nothing and keeps the part.
        Hold(permits, reach);
        var before = Count(seeker);
        Assert.True((await fixture.Client.GetGrain<IPostGrain>(posts[2]).CloseAsync()).Succeeded);
        fixture.Time.Advance(Window);
        var deferred = await NextAsync(seeker, before, static _ => true);
        Assert.Equal(0, deferred.Partitions);
        Assert.True(deferred.Deferred >= 1, $"{deferred.Deferred} partitions deferred");
        Assert.Contains(posts[2], deferred.PostIds);

        // The permits free: the seeker's timer retries and the list drops the closed post, exactly the engine's.
        var held = Count(seeker);
        Release(permits, reach);
        var retried = await NextAsync(seeker, held, static e => e.Deferred == 0);
        Assert.True(retried.Partitions >= 1, $"{retried.Partitions} partitions asked");
        Assert.DoesNotContain(posts[2], retried.PostIds);
        var engine = await scenario.EngineAsync();
        var expected = engine.TopPostsForSeeker(await scenario.EngineSeekerAsync(seeker), 20, scenario.Options);
        Assert.Equal(expected.Select(static r => r.Id), retried.PostIds);

        // Held again: a second close is deferred, but a read is exact, and a new seeker's first list is never deferred.
        Hold(permits, reach);
        before = Count(seeker);
        Assert.True((await fixture.Client.GetGrain<IPostGrain>(posts[3]).CloseAsync()).Succeeded);
        fixture.Time.Advance(Window);
        deferred = await NextAsync(seeker, before, static _ => true);
        Assert.Contains(posts[3], deferred.PostIds);
        Assert.True(deferred.Deferred >= 1, $"{deferred.Deferred} partitions deferred");
        var read = await fixture.Client.GetGrain<ISeekerMatchingGrain>(seeker).GetPostListAsync(20);
        Assert.NotNull(read);
        engine = await scenario.EngineAsync();
        MatchingScenario.AssertSame(engine.TopPostsForSeeker(await scenario.EngineSeekerAsync(seeker), 20, scenario.Options), read.Items);
        Assert.DoesNotContain(posts[3], read.Items.Select(static i => i.Id));
        var newcomer = await scenario.RegisterSeekerAsync(MatchingScenario.Seeker(Lat + 0.002, Lon + 0.002));
        var newcomerFirst = await NextAsync(newcomer, 0, static _ => true);
        Assert.Equal(0, newcomerFirst.Deferred);
        Assert.Equal(6, newcomerFirst.PostIds.Length);
        // The read brought the part up to date already: the timer still retries the deferred partitions, and only them (the
        // list cannot tell here whether the timer ran; the corner test below checks the retry before any read).
        var asked = Asked(seeker).Count;
        Release(permits, reach);
        held = Count(seeker);
        retried = await NextAsync(seeker, held, static e => e.Deferred == 0);
        Assert.Equal(deferred.Deferred, retried.Partitions);
        Assert.All(Asked(seeker).Skip(asked).Where(static a => a.Cause != PostListMetrics.CauseRead),
            a => Assert.Equal(PostListMetrics.CauseTimer, a.Cause));
        Assert.DoesNotContain(posts[3], retried.PostIds);
        Assert.Equal(6, retried.PostIds.Length);
    }

    [Fact]
    public async Task StaleNotice_OneOfFourPartitionsDeferred_TimerRetriesOnlyThatPartitionListExactBeforeAnyRead()
    {
        // Near the corner of four 0.5° cells: the seeker's list merges posts of its own cell and the one to the south-west.
        const double corner = 57.0;
        const double cornerLon = 137.0;
        var scenario = new MatchingScenario(fixture, corner, cornerLon, seed: 73);
        await scenario.InitializeAsync();
        var home = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            home.Add(await scenario.OpenPostAsync(scenario.PerfectPost(corner + 0.005 + (i * 0.004), cornerLon + 0.006 + (i * 0.003))));
            await scenario.OpenPostAsync(scenario.PerfectPost(corner - 0.005 - (i * 0.004), cornerLon - 0.006 - (i * 0.003)));
        }
        var seeker = await scenario.RegisterSeekerAsync(MatchingScenario.Seeker(corner + 0.003, cornerLon + 0.003));
        var first = await NextAsync(seeker, 0, static _ => true);
        Assert.Equal(20, first.PostIds.Length);
        var options = new MatchingOptions();
        var reach = MatchPartitions.Reach(corner + 0.003, cornerLon + 0.003, options.MaxKm, options.CellDegrees);
        Assert.Equal(4, reach.Length);
        Assert.Equal(reach.Order(StringComparer.Ordinal), Asked(seeker).Select(static a => a.Partition).Order(StringComparer.Ordinal));
        var homeKey = MatchPartitions.KeyOf(corner + 0.003, cornerLon + 0.003, options.CellDegrees);
        var listedHome = first.PostIds.Where(home.Contains).ToArray();
        Assert.True(listedHome.Length >= 2, $"{listedHome.Length} listed posts in the seeker's cell");
        var permits = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<PartitionRefreshPermits>();
        fixture.Time.Advance(Window);

        // Only the home cell's permits are held: a listed post there closes, its notice names that cell, and it is deferred.
        Hold(permits, [homeKey]);
        var before = Count(seeker);
        Assert.True((await fixture.Client.GetGrain<IPostGrain>(listedHome[0]).CloseAsync()).Succeeded);
        fixture.Time.Advance(Window);
        var deferred = await NextAsync(seeker, before, static _ => true);
        Assert.Equal(0, deferred.Partitions);
        Assert.Equal(1, deferred.Deferred);
        Assert.Contains(listedHome[0], deferred.PostIds);

        // The permits free: the timer asks the home cell once and no other cell (a retry of every part would ask all four),
        // and the list it stores, before anyone reads it, is the engine's without the closed post.
        var asked = Asked(seeker).Count;
        Release(permits, [homeKey]);
        var retried = await NextAsync(seeker, Count(seeker), static e => e.Deferred == 0);
        Assert.Equal(1, retried.Partitions);
        var retries = Asked(seeker).Skip(asked).ToArray();
        Assert.Equal([(homeKey, PostListMetrics.CauseTimer)], retries.Select(static a => (a.Partition, a.Cause)));
        Assert.DoesNotContain(listedHome[0], retried.PostIds);
        var engine = await scenario.EngineAsync();
        var expected = engine.TopPostsForSeeker(await scenario.EngineSeekerAsync(seeker), 20, scenario.Options);
        Assert.Equal(expected.Select(static r => r.Id), retried.PostIds);
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
        if (value.Key == PostListMetrics.AskedEvent && value.Value is PostListPartitionAsked query)
        {
            lock (_waiters)
            {
                if (!_asked.TryGetValue(query.SeekerId, out var queries))
                {
                    _asked[query.SeekerId] = queries = [];
                }
                queries.Add(query);
            }
            return;
        }
        if (value.Key != PostListMetrics.RefreshedEvent || value.Value is not PostListRefreshed refreshed)
        {
            return;
        }
        lock (_waiters)
        {
            if (!_events.TryGetValue(refreshed.SeekerId, out var list))
            {
                _events[refreshed.SeekerId] = list = [];
            }
            list.Add(refreshed);
            foreach (var waiter in _waiters.Where(w => w.Seeker == refreshed.SeekerId && list.Count > w.After && w.Match(refreshed)))
            {
                waiter.Done.TrySetResult(refreshed);
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

    private static void Hold(PartitionRefreshPermits permits, string[] partitions)
    {
        foreach (var partition in partitions)
        {
            for (var i = 0; i < permits.PerPartition; i++)
            {
                Assert.True(permits.TryEnter(partition), $"permit {i} of {partition} was taken");
            }
        }
    }

    private static void Release(PartitionRefreshPermits permits, string[] partitions)
    {
        foreach (var partition in partitions)
        {
            for (var i = 0; i < permits.PerPartition; i++)
            {
                permits.Release(partition);
            }
        }
    }

    private List<PostListPartitionAsked> Asked(string seeker)
    {
        lock (_waiters)
        {
            return _asked.TryGetValue(seeker, out var list) ? [.. list] : [];
        }
    }

    private int Count(string seeker)
    {
        lock (_waiters)
        {
            return _events.TryGetValue(seeker, out var list) ? list.Count : 0;
        }
    }

    // The first refresh event of the seeker after its first <after> events that matches; the deadline only ends the wait.
    private async Task<PostListRefreshed> NextAsync(string seeker, int after, Func<PostListRefreshed, bool> match)
    {
        var done = new TaskCompletionSource<PostListRefreshed>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            if (_events.TryGetValue(seeker, out var list) && list.Skip(after).FirstOrDefault(match) is { } seen)
            {
                return seen;
            }
            _waiters.Add((seeker, after, match, done));
        }
        try
        {
            return await done.Task.WaitAsync(Deadline);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"seeker {seeker}: no matching refresh after {after} of {Count(seeker)} events");
            throw;
        }
    }
}
