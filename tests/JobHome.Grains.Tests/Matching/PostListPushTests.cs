using JobHome.Grains.Matching;
using JobHome.Grains.Posts;
using JobHome.Grains.Tests.Fixtures;
using JobHome.Matching.Congestion;
using JobHome.Matching.Index;
using JobHome.Matching.Scoring;

namespace JobHome.Grains.Tests.Matching;

/// <summary>
/// The partitions keep their listers' stored lists fresh (MatchPartitionGrain.Push.cs): after changes stop and one window
/// plus the batch drain pass, every live seeker's stored list equals the engine's, factors included, without the seeker
/// asking a partition; a push meant for another activation is ignored and releases exactly that activation's listing; a
/// listing not asked for longer than <see cref="MatchingOptions.ListenFor"/> is dropped at its next change, and a read is
/// still the engine's; a registration computes no list, and nothing is listed until the list is read.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PostListPushTests(MemoryClusterFixture fixture) : IDisposable
{
    private static readonly TimeSpan Window = new MatchingOptions().StaleNoticeWindow;
    private readonly PostListEvents _events = new();

    [Fact]
    public async Task ChangesAcrossAPartitionCorner_AfterOneWindowAndTheDrain_EveryStoredListIsTheEnginesWithoutAQuery()
    {
        // The corner of four 0.5° cells: seekers and posts spread over all four, so parts come from several partitions.
        const double corner = 57.0;
        const double cornerLon = 137.0;
        var scenario = new MatchingScenario(fixture, corner, cornerLon, seed: 97);
        await scenario.InitializeAsync();
        var posts = new List<string>();
        for (var i = 0; i < 36; i++)
        {
            posts.Add(await scenario.OpenRandomPostAsync(0.06));
        }
        // 18 seekers: at most the 20 top seekers a new post's partition checks, so every seeker a new post can enter is checked.
        var seekers = new List<string>();
        for (var i = 0; i < 18; i++)
        {
            seekers.Add(await scenario.RegisterRandomSeekerAsync(0.06));
        }
        foreach (var seeker in seekers)
        {
            // A read computes the list and lists the seeker in the partitions it reaches (a registration does neither).
            await _events.ReadFirstListAsync(fixture.Client, seeker);
        }
        // More than one partition's batch of holders: the drain takes several turns.
        Assert.True(seekers.Count > new MatchingOptions().PushBatch);
        fixture.Time.Advance(Window);
        var asked = seekers.ToDictionary(static s => s, s => _events.Asked(s).Length);

        // Closes, fills, corrections and new posts, in every cell.
        var memoAnswers = IndexCounters.MemoAnswers;
        var random = new Random(101);
        var shuffled = posts.OrderBy(_ => random.Next()).ToArray();
        foreach (var post in shuffled.Take(6))
        {
            Assert.True((await fixture.Client.GetGrain<IPostGrain>(post).CloseAsync()).Succeeded);
        }
        foreach (var post in shuffled.Skip(6).Take(4))
        {
            var grain = fixture.Client.GetGrain<IPostGrain>(post);
            var openings = (await grain.GetAsync())!.Profile.Openings;
            for (var o = 0; o < openings; o++)
            {
                Assert.True((await grain.TakeOpeningAsync($"fill-{post}-{o}")).Succeeded);
            }
        }
        foreach (var post in shuffled.Skip(10).Take(5))
        {
            var grain = fixture.Client.GetGrain<IPostGrain>(post);
            var profile = (await grain.GetAsync())!.Profile;
            Assert.True((await grain.OpenAsync(profile with { PayMin = profile.PayMin + 750, PayMax = profile.PayMax + 1500 })).Succeeded);
        }
        for (var i = 0; i < 6; i++)
        {
            await scenario.OpenRandomPostAsync(0.06);
        }
        fixture.Time.Advance(Window);

        var engine = await scenario.EngineAsync();
        var changed = 0;
        foreach (var seeker in seekers)
        {
            var expected = engine.TopPostsForSeeker(await scenario.EngineSeekerAsync(seeker), 20, scenario.Options);
            var ids = expected.Select(static r => r.Id).ToArray();
            changed += ids.SequenceEqual(_events.Refreshes(seeker)[0].PostIds) ? 0 : 1;
            // The stored list (the last refresh's: the first read's, or a push taken since) ...
            await _events.UntilAsync(() => _events.Last(seeker).PostIds.SequenceEqual(ids),
                () => $"seeker {seeker}: stored [{string.Join(", ", _events.Last(seeker).PostIds)}], engine [{string.Join(", ", ids)}]");
            MatchingScenario.AssertSame(expected, _events.Last(seeker).Items!);
            // ... came without the seeker asking any partition.
            Assert.Equal(asked[seeker], _events.Asked(seeker).Length);
        }
        // The changes moved lists, so the check above is not vacuous.
        Assert.True(changed >= 3, $"{changed} lists changed");
        Assert.True(seekers.Sum(s => _events.Refreshes(s).Count(static e => e.Pushed == 1)) >= changed);
        // The recomputes ran on the holders' kept queries (memos of their scans and the changes since), and still equal the
        // engine's lists above.
        Assert.True(IndexCounters.MemoAnswers > memoAnswers, "no recompute was answered from a kept query's memo");
    }

    [Fact]
    public async Task RoundsOfOpensFillsAndCloses_AfterEachWindow_EveryStoredListIsTheEngines()
    {
        // One partition's cell; the same holders are recomputed round after round (their listings updated by difference,
        // their memos walked again), and after each round's window every stored list is the engine's.
        const double lat = 65.25;
        const double lon = 145.25;
        var scenario = new MatchingScenario(fixture, lat, lon, seed: 107);
        await scenario.InitializeAsync();
        var open = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            open.Add(await scenario.OpenRandomPostAsync(0.08));
        }
        var seekers = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            seekers.Add(await scenario.RegisterRandomSeekerAsync(0.08));
        }
        foreach (var seeker in seekers)
        {
            await _events.ReadFirstListAsync(fixture.Client, seeker);
        }
        fixture.Time.Advance(Window);
        var random = new Random(109);
        var pushed = 0;
        for (var round = 0; round < 4; round++)
        {
            for (var i = 0; i < 4; i++)
            {
                open.Add(await scenario.OpenRandomPostAsync(0.08));
            }
            var close = open[random.Next(open.Count)];
            open.Remove(close);
            Assert.True((await fixture.Client.GetGrain<IPostGrain>(close).CloseAsync()).Succeeded);
            var fill = open[random.Next(open.Count)];
            open.Remove(fill);
            var grain = fixture.Client.GetGrain<IPostGrain>(fill);
            var openings = (await grain.GetAsync())!.Profile.Openings;
            for (var o = 0; o < openings; o++)
            {
                Assert.True((await grain.TakeOpeningAsync($"fill-{fill}-{o}")).Succeeded);
            }
            fixture.Time.Advance(Window);

            var engine = await scenario.EngineAsync();
            foreach (var seeker in seekers)
            {
                var expected = engine.TopPostsForSeeker(await scenario.EngineSeekerAsync(seeker), 20, scenario.Options);
                var ids = expected.Select(static r => r.Id).ToArray();
                await _events.UntilAsync(() => _events.Last(seeker).PostIds.SequenceEqual(ids),
                    () => $"round {round}, seeker {seeker}: stored [{string.Join(", ", _events.Last(seeker).PostIds)}], "
                        + $"engine [{string.Join(", ", ids)}]");
                MatchingScenario.AssertSame(expected, _events.Last(seeker).Items!);
                Assert.DoesNotContain(close, _events.Last(seeker).PostIds);
                Assert.DoesNotContain(fill, _events.Last(seeker).PostIds);
            }
            pushed = seekers.Sum(s => _events.Refreshes(s).Count(static e => e.Pushed == 1));
        }
        // The rounds moved lists by pushes, so the checks above are not vacuous.
        Assert.True(pushed >= 4, $"{pushed} pushes");
    }

    [Fact]
    public async Task PushForAnotherActivation_Ignored_ReleasesExactlyThatTokenTheLiveListingStays()
    {
        var listed = await ListedSeeker.StartAsync(fixture, _events, 59.25, 139.25, seed: 103);
        var (posts, seeker, key, first) = (listed.Posts, listed.Seeker, listed.Partition, listed.First!);
        fixture.Time.Advance(Window);

        // A push computed for an earlier activation (its token is not this one's), however new its version: not taken, and
        // that token's listing is released (the partition holds this activation's, so it forgets nothing).
        var grain = fixture.Client.GetGrain<ISeekerMatchingGrain>(seeker);
        var forgets = _events.Forgotten().Count(f => f.Partition == key);
        await grain.PostListPushedAsync(new PostListPush(key, Guid.NewGuid(), fixture.Today,
            new PartitionMatches(long.MaxValue, []), fixture.Time.GetUtcNow()));
        await _events.ReleasedAsync(seeker, 1);
        fixture.Time.Advance(Window);
        Assert.DoesNotContain(seeker, (await _events.ForgottenAsync(key, forgets + 1))[^1].SeekerIds);
        Assert.Single(_events.Refreshes(seeker));
        var read = await grain.GetPostListAsync(20);
        Assert.Equal(first.PostIds, read!.Items.Select(static i => i.Id));

        // The live listing stays: a listed post's close marks the seeker and its part is pushed.
        var pushed = await listed.CloseAndAwaitPushAsync(posts[4], after: 1);
        Assert.Equal(5, pushed.PostIds.Length);
        Assert.DoesNotContain(posts[4], pushed.PostIds);
    }

    [Fact]
    public async Task ListingNotAskedForListenFor_DroppedAtTheNextChange_ReadStaysTheEnginesAndListsAgain()
    {
        const double lat = 69.25;
        const double lon = 149.25;
        var listed = await ListedSeeker.StartAsync(fixture, _events, lat, lon, seed: 113);
        var (scenario, posts, seeker, key) = (listed.Scenario, listed.Posts, listed.Seeker, listed.Partition);

        // Not asked for longer than ListenFor: a listed post's close drops the listing instead of a recompute and a push.
        fixture.Time.Advance(new MatchingOptions().ListenFor + TimeSpan.FromSeconds(1));
        var forgets = _events.Forgotten().Count(f => f.Partition == key);
        Assert.True((await fixture.Client.GetGrain<IPostGrain>(posts[0]).CloseAsync()).Succeeded);
        Assert.Contains(seeker, (await _events.ForgottenAsync(key, forgets + 1))[^1].SeekerIds);
        fixture.Time.Advance(Window);

        // A read asks the partition (its held version is behind) and is the engine's list without the closed post.
        var grain = fixture.Client.GetGrain<ISeekerMatchingGrain>(seeker);
        var read = await grain.GetPostListAsync(20);
        var engine = await scenario.EngineAsync();
        var expected = engine.TopPostsForSeeker(await scenario.EngineSeekerAsync(seeker), 20, scenario.Options);
        MatchingScenario.AssertSame(expected, read!.Items);
        Assert.DoesNotContain(posts[0], read.Items.Select(static i => i.Id));
        Assert.DoesNotContain(_events.Refreshes(seeker), static e => e.Pushed == 1);

        // The read listed the seeker again: the next close of a listed post marks it, and its part is recomputed and pushed.
        var pushed = await listed.CloseAndAwaitPushAsync(posts[1], after: _events.Refreshes(seeker).Length);
        Assert.Equal(4, pushed.PostIds.Length);
        Assert.DoesNotContain(posts[1], pushed.PostIds);
    }

    [Fact]
    public async Task Registration_NoListNotListed_ChangeNotPushedReadIsTheEnginesAndListens()
    {
        var unread = await ListedSeeker.StartAsync(fixture, _events, 73.25, 153.25, seed: 127, read: false);
        var (scenario, posts, seeker, key) = (unread.Scenario, unread.Posts, unread.Seeker, unread.Partition);

        // The registration computed no list and listed the seeker nowhere: a release of any other activation's listing there
        // (a live activation keeping its own) finds none to forget, and no partition was asked.
        var forgets = _events.Forgotten().Count(f => f.Partition == key);
        await fixture.Client.GetGrain<IMatchPartitionGrain>(key).ForgetActivationListingsAsync([seeker], [Guid.NewGuid()], [true]);
        Assert.DoesNotContain(seeker, (await _events.ForgottenAsync(key, forgets + 1))[^1].SeekerIds);
        Assert.Empty(_events.Asked(seeker));

        // So a listed post's close is not recomputed and pushed for it; a read asks the partition and is the engine's.
        Assert.True((await fixture.Client.GetGrain<IPostGrain>(posts[0]).CloseAsync()).Succeeded);
        fixture.Time.Advance(Window);
        var read = await fixture.Client.GetGrain<ISeekerMatchingGrain>(seeker).GetPostListAsync(20);
        var engine = await scenario.EngineAsync();
        MatchingScenario.AssertSame(engine.TopPostsForSeeker(await scenario.EngineSeekerAsync(seeker), 20, scenario.Options), read!.Items);
        Assert.Equal(5, read.Items.Length);
        Assert.Empty(_events.Refreshes(seeker));
        Assert.All(_events.Asked(seeker), static a => Assert.Equal(PostListMetrics.CauseRead, a.Cause));

        // The read listed it: the next close of a listed post is the seeker's first refresh, a push.
        var pushed = await unread.CloseAndAwaitPushAsync(posts[1], after: 0);
        Assert.Equal(4, pushed.PostIds.Length);
        Assert.DoesNotContain(posts[1], pushed.PostIds);
        Assert.Single(_events.Refreshes(seeker));
    }

    [Fact]
    public async Task Registration_YoungPartitionsNewPost_TellsNoSeekerWithoutAListReadIsTheEngines()
    {
        const double lat = 75.25;
        const double lon = 155.25;
        var unread = await ListedSeeker.StartAsync(fixture, _events, lat, lon, seed: 131, read: false);
        var (scenario, seeker) = (unread.Scenario, unread.Seeker);
        var partition = fixture.Client.GetGrain<IMatchPartitionGrain>(unread.Partition);
        // A seeker the partition knows nothing of lists about (a bulk load's upsert): while young, the partition must assume
        // it may hold a part from an earlier activation.
        var bulk = SeekerMatchRecord.From(await scenario.EngineSeekerAsync(seeker)) with { Id = TestNetwork.NewId("sk") };
        await partition.UpsertSeekersAsync([bulk]);

        // The cell's partition is young (activated by this test's posts). The seeker registered without a list (its
        // activation never read one), so a new post tells it nothing; the bulk-loaded seeker is still told.
        var added = await scenario.OpenPostAsync(scenario.PerfectPost(lat + 0.0015, lon + 0.0015));
        var top = await MatchQueries.TopSeekersUnexplainedAsync(fixture.Client, new MatchingOptions(),
            PostMatchRecord.From(await scenario.EnginePostAsync(added)), 20, fixture.Today);
        Assert.Contains(bulk.Id, top.Select(static i => i.Id));
        Assert.DoesNotContain(seeker, top.Select(static i => i.Id));
        var engine = await scenario.EngineAsync();
        var engineTop = engine.TopSeekersForPost(await scenario.EnginePostAsync(added), 20, scenario.Options);
        Assert.Contains(seeker, engineTop.Select(static r => r.Id));
        fixture.Time.Advance(Window);
        Assert.Empty(_events.Asked(seeker));
        Assert.Empty(_events.Refreshes(seeker));

        // A read is the engine's, new post included.
        var read = await fixture.Client.GetGrain<ISeekerMatchingGrain>(seeker).GetPostListAsync(20);
        MatchingScenario.AssertSame(engine.TopPostsForSeeker(await scenario.EngineSeekerAsync(seeker), 20, scenario.Options), read!.Items);
        Assert.Contains(added, read.Items.Select(static i => i.Id));

        // Having read, it holds a part here: the next new post next door marks it, as every holder.
        var marks = _events.Marked().Count(m => m.Partition == unread.Partition);
        await scenario.OpenPostAsync(scenario.PerfectPost(lat + 0.002, lon + 0.002));
        Assert.Contains(seeker, (await _events.MarkedAsync(unread.Partition, marks + 1))[^1].SeekerIds);
    }

    [Fact]
    public void SamePart_EqualIdsScoresKeysAndLeadingFactors_OnlyThenTrue()
    {
        var place = new ListedReason(PostListKind.Aware, 2, 1, 0.1, 3.2, 0, 0.6, 0.5);
        var congestion = MatchFactorView.Congestion(place);
        var linear = MatchFactorView.Of(new FactorContribution(Factor.Pay, 0.5, 0.2, 0.4));
        MatchItem[] held = [new("a", 0.9, [congestion, linear], 0.8), new("b", 0.7, [linear])];
        MatchItem[] same = [new("a", 0.9, [congestion], 0.8), new("b", 0.7, [])];
        bool[] reused = [true, true];

        Assert.True(MatchPartitionGrain.SamePart(same, reused, held));
        Assert.True(MatchPartitionGrain.SamePart([], null, []));
        // A reason made afresh from the same numbers is the same (and so are its words).
        var again = MatchFactorView.Congestion(place);
        Assert.Equal(congestion.English, again.English);
        Assert.True(MatchPartitionGrain.SamePart([same[0] with { Factors = [again] }, same[1]], reused, held));
        // Another order key, score, id, length, congestion reason, or an item explained afresh: changed.
        Assert.False(MatchPartitionGrain.SamePart([same[0] with { OrderKey = 0.7 }, same[1]], reused, held));
        Assert.False(MatchPartitionGrain.SamePart([same[0], same[1] with { Score = 0.71 }], reused, held));
        Assert.False(MatchPartitionGrain.SamePart([same[1], same[0]], reused, held));
        Assert.False(MatchPartitionGrain.SamePart([same[0]], [true], held));
        var moved = MatchFactorView.Congestion(place with { PlainRank = 3 });
        Assert.NotEqual(congestion.English, moved.English);
        Assert.False(MatchPartitionGrain.SamePart([same[0] with { Factors = [moved] }, same[1]], reused, held));
        Assert.False(MatchPartitionGrain.SamePart([same[0] with { Factors = [congestion with { Place = congestion.Place! with { PerOpening = 3.3 } }] }, same[1]],
            reused, held));
        Assert.False(MatchPartitionGrain.SamePart([same[0] with { Factors = [congestion with { HeldEnglish = "moved down from 1 to 3" }] }, same[1]],
            reused, held));
        Assert.False(MatchPartitionGrain.SamePart(same, [true, false], held));
        Assert.False(MatchPartitionGrain.SamePart(same, null, held));
    }

    /// <inheritdoc />
    public void Dispose() => _events.Dispose();
}
