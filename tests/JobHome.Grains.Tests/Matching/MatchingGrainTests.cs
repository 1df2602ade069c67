using JobHome.Domain.People;
using JobHome.Grains.Matching;
using JobHome.Grains.People;
using JobHome.Grains.Posts;
using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Matching;

/// <summary>
/// Real-time matching in the cluster against the pure engine. Each test works around its own point, far from the other
/// tests' records, at a corner where four partition cells meet.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class MatchingGrainTests(MemoryClusterFixture fixture)
{
    private const double Cell = 0.5;

    [Fact]
    public async Task GetPostListAsync_SeekersAroundPartitionCorner_EqualPureEngine()
    {
        var scenario = new MatchingScenario(fixture, 30.0, 110.0, seed: 9);
        await scenario.InitializeAsync();
        for (var i = 0; i < 80; i++)
        {
            await scenario.OpenRandomPostAsync(0.14);
        }
        for (var i = 0; i < 40; i++)
        {
            await scenario.RegisterRandomSeekerAsync(0.1);
        }
        var engine = await scenario.EngineAsync();
        var acrossBorder = 0;

        foreach (var id in scenario.SeekerIds)
        {
            var seeker = await scenario.EngineSeekerAsync(id);
            foreach (var k in new[] { 1, 10, 20, 50 })
            {
                var list = await fixture.Client.GetGrain<ISeekerMatchingGrain>(id).GetPostListAsync(k);

                Assert.NotNull(list);
                MatchingScenario.AssertSame(engine.TopPostsForSeeker(seeker, k, scenario.Options), list.Items);
            }
            var home = MatchPartitions.KeyOf(seeker.Location.Lat, seeker.Location.Lon, Cell);
            foreach (var item in engine.TopPostsForSeeker(seeker, 10, scenario.Options))
            {
                var post = await scenario.EnginePostAsync(item.Id);
                acrossBorder += MatchPartitions.KeyOf(post.Location.Lat, post.Location.Lon, Cell) == home ? 0 : 1;
            }
        }

        // The comparison covers recommendations that sit in another partition than the seeker.
        Assert.True(acrossBorder >= 20, $"only {acrossBorder} recommendations across a border");
    }

    [Fact]
    public async Task TopSeekersUnexplainedAsync_PostsAroundPartitionCorner_EngineOrderWithoutFactors()
    {
        var scenario = new MatchingScenario(fixture, 29.0, 109.0, seed: 23);
        await scenario.InitializeAsync();
        for (var i = 0; i < 12; i++)
        {
            await scenario.OpenRandomPostAsync(0.1);
        }
        for (var i = 0; i < 40; i++)
        {
            await scenario.RegisterRandomSeekerAsync(0.14);
        }
        // Only seekers that hold a list are a new post's notices' concern: a read gives each one (whatever its queued first
        // refresh has done yet).
        foreach (var id in scenario.SeekerIds)
        {
            Assert.NotNull(await fixture.Client.GetGrain<ISeekerMatchingGrain>(id).GetPostListAsync(20));
        }
        var engine = await scenario.EngineAsync();
        var found = 0;

        foreach (var id in scenario.PostIds)
        {
            var post = await scenario.EnginePostAsync(id);
            var expected = engine.TopSeekersForPost(post, 20, scenario.Options);
            var items = await MatchQueries.TopSeekersUnexplainedAsync(fixture.Client, new MatchingOptions(), PostMatchRecord.From(post), 20,
                fixture.Today);

            Assert.Equal(expected.Select(static r => r.Id), items.Select(static i => i.Id));
            Assert.Equal(expected.Select(static r => r.Score), items.Select(static i => i.Score));
            Assert.All(items, static i => Assert.Empty(i.Factors));
            found += items.Length;
        }
        Assert.True(found > 0, "no post found any seeker: the scenario tests nothing");
    }

    [Fact]
    public async Task GetCandidatesAsync_PostsAroundPartitionCorner_EqualPureEngine()
    {
        var scenario = new MatchingScenario(fixture, 31.0, 111.0, seed: 17);
        await scenario.InitializeAsync();
        for (var i = 0; i < 30; i++)
        {
            await scenario.OpenRandomPostAsync(0.1);
        }
        for (var i = 0; i < 60; i++)
        {
            await scenario.RegisterRandomSeekerAsync(0.14);
        }
        var engine = await scenario.EngineAsync();
        var found = 0;

        foreach (var id in scenario.PostIds)
        {
            var post = await scenario.EnginePostAsync(id);
            foreach (var k in new[] { 1, 5, 25 })
            {
                var items = await fixture.Client.GetGrain<IPostMatchingGrain>(id).GetCandidatesAsync(k);

                Assert.NotNull(items);
                MatchingScenario.AssertSame(engine.TopSeekersForPost(post, k, scenario.Options), items);
                found += items.Length;
            }
        }

        Assert.True(found > 100, $"only {found} candidates found");
    }

    [Fact]
    public async Task GetPostListAsync_BestPostAcrossBorder_ListedFirst()
    {
        var scenario = new MatchingScenario(fixture, 32.0, 112.0, seed: 3);
        await scenario.InitializeAsync();
        // The seeker lives 0.01° south of the cell edge at 32.0; the perfect post is 0.02° north of it, in the next cell.
        var seekerId = await scenario.RegisterSeekerAsync(MatchingScenario.Seeker(31.99, 112.1));
        var nearby = await scenario.OpenPostAsync(scenario.PerfectPost(31.99, 112.1) with { Occupation = "6-25-04-02", PayMax = 6000 });
        var across = await scenario.OpenPostAsync(scenario.PerfectPost(32.02, 112.1));

        var list = await fixture.Client.GetGrain<ISeekerMatchingGrain>(seekerId).GetPostListAsync(10);

        Assert.NotEqual(MatchPartitions.KeyOf(31.99, 112.1, Cell), MatchPartitions.KeyOf(32.02, 112.1, Cell));
        Assert.Equal([across, nearby], list!.Items.Select(i => i.Id));
        var engine = await scenario.EngineAsync();
        MatchingScenario.AssertSame(engine.TopPostsForSeeker(await scenario.EngineSeekerAsync(seekerId), 10, scenario.Options), list.Items);
    }

    [Fact]
    public async Task GetPostListAsync_PostClosesFillsAndBetterOpens_ListFollows()
    {
        var scenario = new MatchingScenario(fixture, 33.0, 113.0, seed: 5);
        await scenario.InitializeAsync();
        var seekerId = await scenario.RegisterSeekerAsync(MatchingScenario.Seeker(33.01, 113.01));
        var first = await scenario.OpenPostAsync(scenario.PerfectPost(33.02, 113.0) with { Openings = 1 });
        var second = await scenario.OpenPostAsync(scenario.PerfectPost(33.03, 113.02));
        var third = await scenario.OpenPostAsync(scenario.PerfectPost(32.98, 113.0) with { PayMax = 4500, PayMin = 3000 });
        var seeker = fixture.Client.GetGrain<ISeekerMatchingGrain>(seekerId);
        var before = await seeker.GetPostListAsync(10);
        Assert.Equal([first, second, third], before!.Items.Select(i => i.Id));

        Assert.True((await fixture.Client.GetGrain<IPostGrain>(second).CloseAsync()).Succeeded);
        var afterClose = await seeker.GetPostListAsync(10);
        Assert.True((await fixture.Client.GetGrain<IPostGrain>(first).TakeOpeningAsync(TestNetwork.NewId("pl"))).Succeeded);
        var afterFill = await seeker.GetPostListAsync(10);
        var better = await scenario.OpenPostAsync(scenario.PerfectPost(33.01, 113.01) with { PayMin = 8000, PayMax = 9000 });
        var afterOpen = await seeker.GetPostListAsync(10);

        Assert.Equal([first, third], afterClose!.Items.Select(i => i.Id));
        Assert.Equal([third], afterFill!.Items.Select(i => i.Id));
        Assert.Equal([better, third], afterOpen!.Items.Select(i => i.Id));
        var engine = await scenario.EngineAsync();
        MatchingScenario.AssertSame(engine.TopPostsForSeeker(await scenario.EngineSeekerAsync(seekerId), 10, scenario.Options), afterOpen.Items);
    }

    [Fact]
    public async Task GetCandidatesAsync_SeekerPlaced_SeekerLeavesAndReturnsOnEnd()
    {
        var scenario = new MatchingScenario(fixture, 34.0, 114.0, seed: 7);
        await scenario.InitializeAsync();
        var seekerId = await scenario.RegisterSeekerAsync(MatchingScenario.Seeker(34.01, 114.01));
        var postId = await scenario.OpenPostAsync(scenario.PerfectPost(34.02, 114.0));
        var post = fixture.Client.GetGrain<IPostMatchingGrain>(postId);
        Assert.Equal([seekerId], (await post.GetCandidatesAsync(10))!.Select(i => i.Id));
        var record = fixture.Client.GetGrain<ISeekerRecordGrain>(seekerId);

        Assert.True((await record.PlaceAsync("pl-" + seekerId, postId, fixture.Today)).Result.Succeeded);
        var whileEmployed = await post.GetCandidatesAsync(10);
        Assert.True((await record.EndPlacementAsync("pl-" + seekerId, fixture.Today, Domain.Posts.PlacementEndReason.Resigned)).Result.Succeeded);
        var afterEnd = await post.GetCandidatesAsync(10);

        Assert.Empty(whileEmployed!);
        Assert.Equal([seekerId], afterEnd!.Select(i => i.Id));
    }

    [Fact]
    public async Task GetPostListAsync_FactorsExplained_ChineseAndEnglishNames()
    {
        var scenario = new MatchingScenario(fixture, 35.0, 115.0, seed: 11);
        await scenario.InitializeAsync();
        var seekerId = await scenario.RegisterSeekerAsync(MatchingScenario.Seeker(35.01, 115.01));
        await scenario.OpenPostAsync(scenario.PerfectPost(35.01, 115.01));

        var list = await fixture.Client.GetGrain<ISeekerMatchingGrain>(seekerId).GetPostListAsync(1);

        var factors = Assert.Single(list!.Items).Factors;
        Assert.Equal(["occupation", "skills", "pay"], factors.Select(f => f.Factor));
        Assert.StartsWith("职业匹配 1.00", factors[0].Chinese, StringComparison.Ordinal);
        Assert.StartsWith("occupation match 1.00", factors[0].English, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPostListAsync_UnknownSeeker_Null()
    {
        var list = await fixture.Client.GetGrain<ISeekerMatchingGrain>(TestNetwork.NewId("nobody")).GetPostListAsync(10);
        var candidates = await fixture.Client.GetGrain<IPostMatchingGrain>(TestNetwork.NewId("nopost")).GetCandidatesAsync(10);

        Assert.Null(list);
        Assert.Null(candidates);
    }
}
