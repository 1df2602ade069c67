using JobHome.Grains.Employers;
using JobHome.Grains.Posts;
using JobHome.Grains.Sharding;
using JobHome.Grains.SiteRecords;
using JobHome.Grains.Tests.Fixtures;
using JobHome.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace JobHome.Grains.Tests.Posts;

/// <summary>Runs on every store: see the sealed subclasses in Stores/.</summary>
public abstract class EmployerAndPostGrainTests(ClusterFixture fixture)
{
    private readonly TestNetwork _network = new(fixture);

    [Fact]
    public async Task RegisterAsync_MalformedCreditCode_CreditCodeErrorAndNothingStored()
    {
        await _network.EnsureSitesAsync();
        var valid = TestNetwork.NewCreditCode();
        var wrongCheck = valid[..17] + (valid[17] == '0' ? '1' : '0');

        var result = await fixture.Client.GetGrain<IEmployerGrain>(wrongCheck).RegisterAsync(new EmployerProfile("某公司",
            TestNetwork.Village, 25.3, 114.9));

        Assert.Equal(CommandOutcome.Invalid, result.Outcome);
        var error = Assert.Single(result.Errors);
        Assert.Equal("credit_code", error.Field);
        Assert.Contains("统一社会信用代码", error.Rule, StringComparison.Ordinal);
        Assert.Null(await fixture.Client.GetGrain<IEmployerGrain>(wrongCheck).GetAsync());
    }

    [Fact]
    public async Task OpenAsync_Valid_OpenWithEmployerListingIt()
    {
        await _network.EnsureSitesAsync();
        var postId = await _network.OpenPostAsync(3);

        var post = await fixture.Client.GetGrain<IPostGrain>(postId).GetAsync();

        Assert.NotNull(post);
        Assert.True(post.Open);
        Assert.False(post.Full);
        Assert.Equal(0, post.Taken);
        var employer = await fixture.Client.GetGrain<IEmployerGrain>(post.Profile.EmployerCode).GetAsync();
        Assert.Contains(postId, employer!.PostIds);
    }

    [Fact]
    public async Task OpenAsync_BadFields_EveryFieldErrorAndNothingStored()
    {
        await _network.EnsureSitesAsync();
        var code = TestNetwork.NewCreditCode();
        Assert.True((await fixture.Client.GetGrain<IEmployerGrain>(code).RegisterAsync(new EmployerProfile("某公司",
            TestNetwork.Village, 25.3, 114.9))).Succeeded);
        var postId = TestNetwork.NewId("post");
        var bad = TestNetwork.Post(code, 0) with { PayMin = 5000, PayMax = 4000, Occupation = "99" };

        var result = await fixture.Client.GetGrain<IPostGrain>(postId).OpenAsync(bad);

        Assert.Equal(CommandOutcome.Invalid, result.Outcome);
        Assert.Superset(new HashSet<string> { "occupation", "openings", "pay_max" }, result.Errors.Select(e => e.Field).ToHashSet());
        Assert.Null(await fixture.Client.GetGrain<IPostGrain>(postId).GetAsync());
    }

    [Fact]
    public async Task ExistsAsync_RegisteredAndUnknown_TrueOnlyForRegistered()
    {
        await _network.EnsureSitesAsync();
        var code = TestNetwork.NewCreditCode();
        Assert.False(await fixture.Client.GetGrain<IEmployerGrain>(code).ExistsAsync());

        var registered = await fixture.Client.GetGrain<IEmployerGrain>(code).RegisterAsync(new EmployerProfile("信丰纺织有限公司",
            TestNetwork.Village, 25.37, 114.94));

        Assert.True(registered.Succeeded, string.Join("; ", registered.Errors));
        Assert.True(await fixture.Client.GetGrain<IEmployerGrain>(code).ExistsAsync());
    }

    [Fact]
    public async Task OpenAsync_TwoPosts_IdsStoredInTheirShardsNotInTheEmployerState()
    {
        await _network.EnsureSitesAsync();
        var first = await _network.OpenPostAsync(1);
        var code = (await fixture.Client.GetGrain<IPostGrain>(first).GetAsync())!.Profile.EmployerCode;
        var second = TestNetwork.NewId("post");
        Assert.True((await fixture.Client.GetGrain<IPostGrain>(second).OpenAsync(TestNetwork.Post(code, 2))).Succeeded);

        var view = await fixture.Client.GetGrain<IEmployerGrain>(code).GetAsync();

        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), view!.PostIds);
        var (stored, shards) = await ReadEmployerAsync(code, [first, second]);
        Assert.Empty(stored.PostIds);
        Assert.All(shards, found => Assert.True(found));
    }

    [Fact]
    public async Task Activation_OldStateWithPostList_MovesPostIdsIntoShards()
    {
        await _network.EnsureSitesAsync();
        var code = TestNetwork.NewCreditCode();
        var old = new EmployerState { Profile = new EmployerProfile("信丰旧单位", TestNetwork.Village, 25.37, 114.94) };
        old.PostIds.AddRange(["post-old-a", "post-old-b", "post-old-c"]);
        await Storage.WriteStateAsync("employer", fixture.Client.GetGrain<IEmployerGrain>(code).GetGrainId(),
            new GrainState<EmployerState>(old));

        var view = await fixture.Client.GetGrain<IEmployerGrain>(code).GetAsync();

        Assert.Equal(["post-old-a", "post-old-b", "post-old-c"], view!.PostIds);
        var (stored, shards) = await ReadEmployerAsync(code, ["post-old-a", "post-old-b", "post-old-c"]);
        Assert.Empty(stored.PostIds);
        Assert.Equal("信丰旧单位", stored.Profile!.Name);
        Assert.All(shards, found => Assert.True(found));
    }

    private IGrainStorage Storage => fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);

    // The employer's stored state and, per post id, whether its shard holds it.
    private async Task<(EmployerState Stored, bool[] InShards)> ReadEmployerAsync(string code, string[] postIds)
    {
        var grainId = fixture.Client.GetGrain<IEmployerGrain>(code).GetGrainId();
        var stored = new GrainState<EmployerState>(new EmployerState());
        await Storage.ReadStateAsync("employer", grainId, stored);
        var found = new bool[postIds.Length];
        for (var i = 0; i < postIds.Length; i++)
        {
            var shard = new GrainState<MapShard<bool>>(new MapShard<bool>());
            await Storage.ReadStateAsync($"employer-posts-{ShardedMap<bool>.ShardOf(postIds[i])}", grainId, shard);
            found[i] = shard.State!.Entries.ContainsKey(postIds[i]);
        }
        return (stored.State!, found);
    }

    [Fact]
    public async Task OpenAsync_UnknownEmployer_NotFound()
    {
        await _network.EnsureSitesAsync();
        var postId = TestNetwork.NewId("post");

        var result = await fixture.Client.GetGrain<IPostGrain>(postId).OpenAsync(TestNetwork.Post(TestNetwork.NewCreditCode(), 2));

        Assert.Equal(CommandOutcome.NotFound, result.Outcome);
        Assert.Equal("employer", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public async Task OpenAsync_UnknownEmployer_PostNeitherStoredNorListedAtItsSite()
    {
        await _network.EnsureSitesAsync();
        var postId = TestNetwork.NewId("post");

        // The employer's answer to the listing is the existence check: it comes before the site's entry and the post's write.
        var result = await fixture.Client.GetGrain<IPostGrain>(postId).OpenAsync(TestNetwork.Post(TestNetwork.NewCreditCode(), 2));

        Assert.Equal(CommandOutcome.NotFound, result.Outcome);
        Assert.Null(await fixture.Client.GetGrain<IPostGrain>(postId).GetAsync());
        Assert.DoesNotContain(postId, await fixture.Client.GetGrain<ISiteDirectoryGrain>(TestNetwork.Village).GetPostsAsync());
    }

    [Fact]
    public async Task TakeOpeningAsync_ClosedPost_RefusedAndPostNotOpen()
    {
        await _network.EnsureSitesAsync();
        var postId = await _network.OpenPostAsync(2);
        var post = fixture.Client.GetGrain<IPostGrain>(postId);

        Assert.True((await post.CloseAsync()).Succeeded);
        var take = await post.TakeOpeningAsync("pl-closed");

        Assert.Equal(CommandOutcome.Conflict, take.Outcome);
        var view = await post.GetAsync();
        Assert.True(view!.Closed);
        Assert.False(view.Open);
        Assert.Equal(0, view.Taken);
    }

    [Fact]
    public async Task OpenAsync_OpeningsCorrectedBelowTaken_Refused()
    {
        await _network.EnsureSitesAsync();
        var postId = await _network.OpenPostAsync(3);
        var post = fixture.Client.GetGrain<IPostGrain>(postId);
        Assert.True((await post.TakeOpeningAsync("pl-a")).Succeeded);
        Assert.True((await post.TakeOpeningAsync("pl-b")).Succeeded);
        var profile = (await post.GetAsync())!.Profile;

        var below = await post.OpenAsync(profile with { Openings = 1 });
        var atTaken = await post.OpenAsync(profile with { Openings = 2 });

        Assert.Equal(CommandOutcome.Invalid, below.Outcome);
        Assert.Equal("openings", Assert.Single(below.Errors).Field);
        Assert.Equal(CommandOutcome.Ok, atTaken.Outcome);
        var view = await post.GetAsync();
        Assert.True(view!.Full);
        Assert.False(view.Open);
    }
}
