using JobHome.Domain.Work;
using JobHome.Grains.Hosting;
using JobHome.Grains.Matching;
using JobHome.Grains.People;
using JobHome.Grains.Posts;
using JobHome.Grains.Tests.Fixtures;
using Orleans.Core.Internal;

namespace JobHome.Grains.Tests.Matching;

/// <summary>
/// Stored post lists trail the changes that make them stale: a registration computes no list (the first read does), and
/// between reads the partitions keep the parts of lists that were read fresh themselves (one window after the first change
/// they recompute the parts it touched and push those that changed), so each test reads the list once before its changes
/// (<see cref="PostListEvents.ReadFirstListAsync"/>, kept as the seeker's first refresh event). Refreshes and pushes are
/// observed through the post lists' diagnostic events (<see cref="PostListEvents"/>). The partitions' windows run on the fixture's fake
/// clock: a test advances it by one window (the trail's bound) and then awaits the pushed refresh's event.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PostListTrailingTests(MemoryClusterFixture fixture) : IDisposable
{
    private static readonly TimeSpan Window = new MatchingOptions().StaleNoticeWindow;
    private readonly PostListEvents _events = new();

    [Fact]
    public async Task RegisterAsync_UnemployedSeeker_NoListComputedUntilAReadReadIsTheEngines()
    {
        var scenario = new MatchingScenario(fixture, 38.0, 118.0, seed: 31);
        await scenario.InitializeAsync();
        await scenario.OpenRandomPostAsync(0.05);

        var seeker = await scenario.RegisterRandomSeekerAsync(0.05);
        var grain = fixture.Client.GetGrain<ISeekerMatchingGrain>(seeker);

        // A call queued behind the registration (a first list queued by it would run before this answers): no partition was
        // asked and no list refreshed.
        Assert.NotNull(await fixture.Client.GetGrain<ISeekerGrain>(seeker).GetAsync());
        Assert.Empty(_events.Asked(seeker));
        Assert.Empty(_events.Refreshes(seeker));

        // The read computes it, asking every reached partition, and it is the engine's.
        var read = await grain.GetPostListAsync(20);
        Assert.NotEmpty(_events.Asked(seeker));
        Assert.All(_events.Asked(seeker), static a => Assert.Equal(PostListMetrics.CauseRead, a.Cause));
        var engine = await scenario.EngineAsync();
        MatchingScenario.AssertSame(engine.TopPostsForSeeker(await scenario.EngineSeekerAsync(seeker), 20, scenario.Options), read!.Items);
        Assert.Empty(_events.Refreshes(seeker));
    }

    [Fact]
    public async Task PostListStaleAsync_BurstOfMarks_OneRefresh()
    {
        var scenario = new MatchingScenario(fixture, 39.0, 119.0, seed: 37);
        await scenario.InitializeAsync();
        await scenario.OpenRandomPostAsync(0.05);
        var seeker = await scenario.RegisterRandomSeekerAsync(0.05);
        await _events.ReadFirstListAsync(fixture.Client, seeker);
        var grain = fixture.Client.GetGrain<ISeekerMatchingGrain>(seeker);

        for (var i = 0; i < 20; i++)
        {
            await grain.PostListStaleAsync();
        }

        await _events.RefreshesAsync(seeker, 2);
        // A call queued behind the marks: a refresh per mark would have run before it answers.
        await grain.GetPostListAsync(5);
        Assert.Equal(2, _events.Refreshes(seeker).Length);
        Assert.All(_events.Asked(seeker).Skip(_events.Refreshes(seeker)[0].Partitions).Where(static a => a.Cause != PostListMetrics.CauseRead),
            static a => Assert.Equal(PostListMetrics.CauseTimer, a.Cause));
    }

    [Fact]
    public async Task CloseAsync_ListedPostsOfOnePartitionInOneWindow_OnePushOfThatPartsListExact()
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
        var first = await _events.ReadFirstListAsync(fixture.Client, seeker);
        Assert.Equal(20, first.PostIds.Length);
        Assert.True(first.Partitions >= 2, $"the seeker reaches {first.Partitions} partitions");
        var listedHome = first.PostIds.Where(home.Contains).ToArray();
        Assert.True(listedHome.Length >= 6, $"{listedHome.Length} listed posts in the seeker's cell");
        Assert.True(first.PostIds.Length > listedHome.Length, "no listed post from another cell");
        var asked = _events.Asked(seeker).Length;

        // Five listed posts of the seeker's cell close back to back: the partition marks the seeker once and pushes one part;
        // the counters say so (five listers told of a removal, four marks of a holder already dirty, a push that moved ids).
        using var counted = new CountedPostLists();
        foreach (var post in listedHome.Take(5))
        {
            Assert.True((await fixture.Client.GetGrain<IPostGrain>(post).CloseAsync()).Succeeded);
        }
        fixture.Time.Advance(Window);
        var second = await _events.RefreshesAsync(seeker, 2);
        Assert.Equal(1, second.Pushed);
        Assert.Equal(1, second.Partitions);
        // Other tests of the collection may count meanwhile: at least this one's.
        Assert.True(counted.Get(PostListMetrics.ListersToldName, PostListMetrics.ListedRemoved) >= 5, counted.ToString());
        Assert.True(counted.Get(PostListMetrics.MarkedAgainName, PostListMetrics.MarkListed) >= 4, counted.ToString());
        // The seeker asked no partition: the part came to it.
        Assert.Equal(asked, _events.Asked(seeker).Length);
        var engine = await scenario.EngineAsync();
        var expected = engine.TopPostsForSeeker(await scenario.EngineSeekerAsync(seeker), 20, scenario.Options);
        Assert.Equal(expected.Select(static r => r.Id), second.PostIds);
        MatchingScenario.AssertSame(expected, second.Items!);

        // A later change is a push of its own: had the five closes cost more than one, this one would be the fourth.
        var sentinel = listedHome[5];
        Assert.True((await fixture.Client.GetGrain<IPostGrain>(sentinel).CloseAsync()).Succeeded);
        fixture.Time.Advance(Window);
        var third = await _events.RefreshesAsync(seeker, 3);
        Assert.DoesNotContain(sentinel, third.PostIds);
        Assert.Equal(3, _events.Refreshes(seeker).Length);
    }

    [Fact]
    public async Task OpenAsync_NewPostInTheSeekersCell_PushOfThatPartitionOnlyListExact()
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
        var first = await _events.ReadFirstListAsync(fixture.Client, seeker);
        Assert.True(first.Partitions >= 2, $"the seeker reaches {first.Partitions} partitions");

        // A new post in the seeker's cell: that partition marks the seeker (the score enters its part) and pushes the part.
        var homeKey = MatchPartitions.KeyOf(43.004, 123.004, new MatchingOptions().CellDegrees);
        var marks = _events.Marked().Count(m => m.Partition == homeKey);
        var added = await scenario.OpenPostAsync(scenario.PerfectPost(43.004, 123.004));
        var marked = await _events.MarkedAsync(homeKey, marks + 1);
        Assert.Contains(seeker, marked[^1].SeekerIds);
        fixture.Time.Advance(Window);
        var second = await _events.RefreshesAsync(seeker, 2);
        Assert.Equal(1, second.Pushed);
        Assert.Contains(added, second.PostIds);
        var engine = await scenario.EngineAsync();
        var expected = engine.TopPostsForSeeker(await scenario.EngineSeekerAsync(seeker), 20, scenario.Options);
        MatchingScenario.AssertSame(expected, second.Items!);
    }

    [Fact]
    public async Task OpenAsync_NewPostBelowTheListsFloor_NothingMarkedListStaysExact()
    {
        // The middle of a 0.5° cell: 24 perfect posts fill the seeker's top 20 there, so its part has a floor.
        var scenario = new MatchingScenario(fixture, 45.25, 125.25, seed: 47);
        await scenario.InitializeAsync();
        for (var i = 0; i < 24; i++)
        {
            await scenario.OpenPostAsync(scenario.PerfectPost(45.25 + ((i % 6) * 0.004), 125.25 + ((i / 6) * 0.004)));
        }
        var seeker = await scenario.RegisterSeekerAsync(MatchingScenario.Seeker(45.251, 125.251));
        var first = await _events.ReadFirstListAsync(fixture.Client, seeker);
        Assert.Equal(20, first.PostIds.Length);
        var key = MatchPartitions.KeyOf(45.251, 125.251, new MatchingOptions().CellDegrees);
        var marks = _events.Marked().Count(m => m.Partition == key);

        // A weak post (another occupation, low pay) next door: the seeker is among its top seekers, so the partition checks
        // it, but the post's score is below the 20th of its part: not marked, nothing recomputed or pushed.
        var weak = await scenario.OpenPostAsync(new PostProfile(TestNetwork.Village, "x", "文员", "4-01-01-01", 1, 2000, 2500,
            45.252, 125.252, WorkKind.FullTime));
        var checkedWeak = (await _events.MarkedAsync(key, marks + 1))[^1];
        Assert.DoesNotContain(seeker, checkedWeak.SeekerIds);
        Assert.Equal(1, checkedWeak.Skipped);
        var engine = await scenario.EngineAsync();
        var expected = engine.TopPostsForSeeker(await scenario.EngineSeekerAsync(seeker), 20, scenario.Options);
        Assert.DoesNotContain(weak, expected.Select(static r => r.Id));
        Assert.Equal(expected.Select(static r => r.Id), first.PostIds);
        var read = await fixture.Client.GetGrain<ISeekerMatchingGrain>(seeker).GetPostListAsync(20);
        Assert.NotNull(read);
        MatchingScenario.AssertSame(expected, read.Items);

        // A post that does enter: marked, and the pushed part gains it first.
        var strong = await scenario.OpenPostAsync(scenario.PerfectPost(45.251, 125.251));
        var checkedStrong = (await _events.MarkedAsync(key, marks + 2))[^1];
        Assert.Contains(seeker, checkedStrong.SeekerIds);
        fixture.Time.Advance(Window);
        var pushed = await _events.NextAsync(seeker, 1, static e => e.Pushed == 1);
        Assert.Equal(strong, pushed.PostIds[0]);
        engine = await scenario.EngineAsync();
        expected = engine.TopPostsForSeeker(await scenario.EngineSeekerAsync(seeker), 20, scenario.Options);
        MatchingScenario.AssertSame(expected, pushed.Items!);
    }

    [Fact]
    public async Task CloseAsync_ListedPost_PushedOneWindowAfterTheCloseNotBefore()
    {
        var scenario = new MatchingScenario(fixture, 47.25, 127.25, seed: 53);
        await scenario.InitializeAsync();
        var posts = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            posts.Add(await scenario.OpenPostAsync(scenario.PerfectPost(47.25 + (i * 0.003), 127.25 + (i * 0.002))));
        }
        var seeker = await scenario.RegisterSeekerAsync(MatchingScenario.Seeker(47.251, 127.251));
        Assert.Equal(6, (await _events.ReadFirstListAsync(fixture.Client, seeker)).PostIds.Length);
        // Ends whatever window earlier changes of this partition left open, so the close below opens one of its own.
        fixture.Time.Advance(Window);

        Assert.True((await fixture.Client.GetGrain<IPostGrain>(posts[2]).CloseAsync()).Succeeded);
        fixture.Time.Advance(Window - TimeSpan.FromMilliseconds(1));
        // The partition's tick is due as the fake clock reaches the window's end, inside Advance: not yet.
        Assert.Single(_events.Refreshes(seeker));
        fixture.Time.Advance(TimeSpan.FromMilliseconds(1));
        var pushed = await _events.RefreshesAsync(seeker, 2);

        // The trail on the silo's clock: exactly one window from the close to the push (the clock stood still after).
        Assert.Equal(1, pushed.Pushed);
        Assert.Equal(Window.TotalMilliseconds, pushed.LagMilliseconds);
        Assert.Equal(5, pushed.PostIds.Length);
        Assert.DoesNotContain(posts[2], pushed.PostIds);
    }

    [Fact]
    public async Task DeactivateOnIdle_SeekerWithAList_ListingsReleasedLaterCloseOrNewPostMarksNobodyReadStillExact()
    {
        var scenario = new MatchingScenario(fixture, 53.25, 133.25, seed: 67);
        await scenario.InitializeAsync();
        var posts = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            posts.Add(await scenario.OpenPostAsync(scenario.PerfectPost(53.25 + (i * 0.003), 133.25 + (i * 0.002))));
        }
        var seeker = await scenario.RegisterSeekerAsync(MatchingScenario.Seeker(53.251, 133.251));
        Assert.Equal(6, (await _events.ReadFirstListAsync(fixture.Client, seeker)).PostIds.Length);
        var key = MatchPartitions.KeyOf(53.251, 133.251, new MatchingOptions().CellDegrees);

        // While the seeker holds its list, a listed post's close and a new post next door each mark it.
        var marks = _events.Marked().Count(m => m.Partition == key);
        Assert.True((await fixture.Client.GetGrain<IPostGrain>(posts[0]).CloseAsync()).Succeeded);
        Assert.Contains(seeker, (await _events.MarkedAsync(key, marks + 1))[^1].SeekerIds);
        await scenario.OpenPostAsync(scenario.PerfectPost(53.252, 133.252));
        Assert.Contains(seeker, (await _events.MarkedAsync(key, marks + 2))[^1].SeekerIds);
        fixture.Time.Advance(Window);
        await _events.NextAsync(seeker, 1, static e => e.Pushed == 1);

        // Collected: its list goes with the activation, and one window later the partition forgets the listing.
        var forgets = _events.Forgotten().Count(f => f.Partition == key);
        await fixture.Client.GetGrain<ISeekerMatchingGrain>(seeker).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await _events.ReleasedAsync(seeker, 1);
        fixture.Time.Advance(Window);
        Assert.Contains(seeker, (await _events.ForgottenAsync(key, forgets + 1))[^1].SeekerIds);

        // A close of a post it had listed marks nobody: the partition forgot the listing.
        marks = _events.Marked().Count(m => m.Partition == key);
        Assert.True((await fixture.Client.GetGrain<IPostGrain>(posts[1]).CloseAsync()).Succeeded);
        Assert.Equal(marks, _events.Marked().Count(m => m.Partition == key));

        // A new post next door still tells it while the partition is young (it activated less than the record grains'
        // collection age ago, so a live seeker may hold a part from an earlier activation it never saw: a notice) ...
        await scenario.OpenPostAsync(scenario.PerfectPost(53.253, 133.253));
        var young = (await _events.MarkedAsync(key, marks + 1))[^1];
        Assert.DoesNotContain(seeker, young.SeekerIds);
        Assert.Equal(1, young.Told);

        // ... and no longer once that age has passed: nothing reactivates the seeker for a list nobody holds.
        // (The young partition's notice reaches a new activation without a list, which refreshes nothing.)
        fixture.Time.Advance(new ActivationOptions().RecordAge + ActivationOptions.CollectionQuantum + Window);
        await scenario.OpenPostAsync(scenario.PerfectPost(53.2535, 133.2535));
        // The post's top seekers that hold a list are none, so its partition is not even called.
        Assert.Equal(marks + 1, _events.Marked().Count(m => m.Partition == key));
        Assert.Equal(2, _events.Refreshes(seeker).Length);

        // The next read computes the list afresh, exactly the engine's.
        var read = await fixture.Client.GetGrain<ISeekerMatchingGrain>(seeker).GetPostListAsync(20);
        Assert.NotNull(read);
        var engine = await scenario.EngineAsync();
        MatchingScenario.AssertSame(engine.TopPostsForSeeker(await scenario.EngineSeekerAsync(seeker), 20, scenario.Options), read.Items);
        Assert.Equal(7, read.Items.Length);
    }

    [Fact]
    public async Task CloseAsync_ListedPost_PushExplainsOnlyNewcomersStoredAndReadEqualEngineWithFactors()
    {
        // 24 perfect-ish posts with different pay: the seeker's top 20 leaves 4 in reserve, so a close brings one in.
        var scenario = new MatchingScenario(fixture, 51.25, 131.25, seed: 61);
        await scenario.InitializeAsync();
        for (var i = 0; i < 24; i++)
        {
            await scenario.OpenPostAsync(scenario.PerfectPost(51.25 + ((i % 6) * 0.004), 131.25 + ((i / 6) * 0.004))
                with { PayMin = 5000 + (i * 50), PayMax = 6000 + (i * 50) });
        }
        var seeker = await scenario.RegisterSeekerAsync(MatchingScenario.Seeker(51.251, 131.251));
        var first = await _events.ReadFirstListAsync(fixture.Client, seeker);
        Assert.Equal(20, first.PostIds.Length);
        fixture.Time.Advance(Window);

        Assert.True((await fixture.Client.GetGrain<IPostGrain>(first.PostIds[3]).CloseAsync()).Succeeded);
        fixture.Time.Advance(Window);
        var second = await _events.RefreshesAsync(seeker, 2);
        Assert.Equal(1, second.Pushed);
        Assert.DoesNotContain(first.PostIds[3], second.PostIds);
        var engine = await scenario.EngineAsync();
        var expected = engine.TopPostsForSeeker(await scenario.EngineSeekerAsync(seeker), 20, scenario.Options);
        // The stored list (the pushed part, its held words completed by the seeker) is the engine's, factors included ...
        MatchingScenario.AssertSame(expected, second.Items!);
        // ... and so is a read.
        var read = await fixture.Client.GetGrain<ISeekerMatchingGrain>(seeker).GetPostListAsync(20);
        Assert.NotNull(read);
        MatchingScenario.AssertSame(expected, read.Items);
    }

    /// <inheritdoc />
    public void Dispose() => _events.Dispose();
}
