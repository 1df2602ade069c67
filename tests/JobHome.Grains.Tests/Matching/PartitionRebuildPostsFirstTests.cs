using JobHome.Grains.Matching;
using JobHome.Grains.People;
using JobHome.Grains.Posts;
using JobHome.Grains.Tests.Fixtures;
using JobHome.Matching.Index;
using JobHome.Storage;
using Orleans.Storage;

namespace JobHome.Grains.Tests.Matching;

/// <summary>
/// A rebuilding partition reads its posts before its seekers and answers a seeker's post query only once every post is in:
/// posts and seekers stored in one cell, the silo stopped, a new silo on the same file whose storage holds one kind of
/// batched read at a barrier. Held at the seekers: the posts are in, a seeker registered now (and an old one) gets exactly
/// the pure engine's list, a post closed and one opened meanwhile are seen, and after the barrier opens the partition holds
/// every seeker and post. Held at the posts: a seeker's list waits (not computed over part of the posts) while another
/// seeker's registration goes through, then equals the engine's; past <see cref="MatchingOptions.RebuildPostsWait"/> on the
/// server clock it is answered over the posts in so far, and its next read after the posts are in is exact.
/// </summary>
public sealed class PartitionRebuildPostsFirstTests : IAsyncLifetime
{
    private const int Posts = 30;
    private const int Seekers = 15;
    private const double Spread = 0.1;
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(1);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "jobhome-rebuild-posts-" + Guid.NewGuid().ToString("N"));

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Rebuild_HeldAtItsSeekers_AnswersExactListsAndSeesChanges_ThenHoldsEveryRecord()
    {
        await using var restart = await HeldRestartAsync(seed: 41, heldAt: "seeker");
        var (cluster, gate, scenario, partition) = (restart.Cluster, restart.Gate, restart.Scenario, restart.Partition);
        var (postIds, seekerIds) = (restart.PostIds, restart.SeekerIds);

        // Every post is in before any seeker is read.
        var held = await partition.RebuildStatusAsync();
        Assert.True(held.Rebuilding);
        Assert.True(held.PostsIn);
        Assert.Equal(Posts, held.Loaded);

        // Changes while the seekers are still being read: a post closed, one opened, a seeker registered.
        Assert.True((await cluster.Client.GetGrain<IPostGrain>(postIds[0]).CloseAsync()).Succeeded);
        await scenario.OpenRandomPostAsync(Spread);
        var fresh = await scenario.RegisterRandomSeekerAsync(Spread);
        var posts = await PostsEngineAsync(scenario);
        foreach (var id in new[] { fresh, seekerIds[0] })
        {
            var list = await cluster.Client.GetGrain<ISeekerMatchingGrain>(id).GetPostListAsync(10);
            Assert.NotNull(list);
            MatchingScenario.AssertSame(posts.TopPostsForSeeker(await scenario.EngineSeekerAsync(id), 10, scenario.Options), list.Items);
        }
        Assert.False(gate.Opened);

        gate.Open();
        var done = (await PartitionRebuildRestart.FinishedAsync([partition]))[0];
        Assert.True(done.PostsIn);
        Assert.InRange(done.PostsInMs, 0, done.ElapsedMs);
        var counts = await partition.CountsAsync();
        Assert.Equal(Seekers + 1, counts.Seekers);
        Assert.Equal(Posts, counts.Posts);
        var engine = await scenario.EngineAsync();
        foreach (var id in scenario.SeekerIds)
        {
            var list = await cluster.Client.GetGrain<ISeekerMatchingGrain>(id).GetPostListAsync(10);
            Assert.NotNull(list);
            MatchingScenario.AssertSame(engine.TopPostsForSeeker(await scenario.EngineSeekerAsync(id), 10, scenario.Options), list.Items);
        }
    }

    [Fact]
    public async Task Rebuild_HeldAtItsPosts_ListWaitsForEveryPost_WhileRegistrationsGoThrough()
    {
        await using var restart = await HeldRestartAsync(seed: 43, heldAt: "post");
        var (cluster, gate, scenario, partition) = (restart.Cluster, restart.Gate, restart.Scenario, restart.Partition);
        var (postIds, seekerIds) = (restart.PostIds, restart.SeekerIds);
        Assert.False((await partition.RebuildStatusAsync()).PostsIn);

        var first = await scenario.RegisterRandomSeekerAsync(Spread).WaitAsync(Guard);
        var waiting = cluster.Client.GetGrain<ISeekerMatchingGrain>(first).GetPostListAsync(10);
        // The partition holds the list's query (its posts are at the barrier) and still takes a registration's upsert.
        var second = await scenario.RegisterRandomSeekerAsync(Spread).WaitAsync(Guard);
        Assert.Equal(0, (await partition.CountsAsync()).Posts);
        Assert.False(waiting.IsCompleted);

        gate.Open();
        var list = await waiting.WaitAsync(Guard);
        var posts = await PostsEngineAsync(scenario);
        Assert.NotNull(list);
        MatchingScenario.AssertSame(posts.TopPostsForSeeker(await scenario.EngineSeekerAsync(first), 10, scenario.Options), list.Items);
        Assert.NotEmpty(list.Items);

        await PartitionRebuildRestart.FinishedAsync([partition]);
        var counts = await partition.CountsAsync();
        Assert.Equal(Seekers + 2, counts.Seekers);
        Assert.Equal(Posts, counts.Posts);
        var secondList = await cluster.Client.GetGrain<ISeekerMatchingGrain>(second).GetPostListAsync(10);
        Assert.NotNull(secondList);
        MatchingScenario.AssertSame(posts.TopPostsForSeeker(await scenario.EngineSeekerAsync(second), 10, scenario.Options),
            secondList.Items);
    }

    [Fact]
    public async Task Rebuild_PostsLaterThanTheWait_ListAnsweredOverThePostsSoFar_ExactOnItsNextRead()
    {
        await using var restart = await HeldRestartAsync(seed: 47, heldAt: "post");
        var (cluster, gate, scenario, partition) = (restart.Cluster, restart.Gate, restart.Scenario, restart.Partition);
        var (postIds, seekerIds) = (restart.PostIds, restart.SeekerIds);
        var seeker = cluster.Client.GetGrain<ISeekerMatchingGrain>(seekerIds[0]);
        var waiting = seeker.GetPostListAsync(10);
        // Until the partition holds the query (its wait is timed from then).
        var deadline = DateTime.UtcNow + Guard;
        while ((await partition.RebuildStatusAsync()).PostQueriesWaiting == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the list's query never reached the partition");
            await Task.Delay(20);
        }
        Assert.False(waiting.IsCompleted);

        // The server clock passes the wait (no response timeout is near): the list comes back over the posts in, none.
        cluster.Time.Advance(new MatchingOptions().RebuildPostsWait);
        var early = await waiting.WaitAsync(Guard);
        Assert.NotNull(early);
        Assert.Empty(early.Items);

        gate.Open();
        await PartitionRebuildRestart.FinishedAsync([partition]);
        var list = await seeker.GetPostListAsync(10);
        var posts = await PostsEngineAsync(scenario);
        Assert.NotNull(list);
        Assert.NotEmpty(list.Items);
        MatchingScenario.AssertSame(posts.TopPostsForSeeker(await scenario.EngineSeekerAsync(seekerIds[0]), 10, scenario.Options),
            list.Items);
    }

    // A silo over a file seeded with the cell's posts and seekers (seed), restarted with its batched reads of one state name
    // (heldAt: "post" or "seeker") at a barrier: returned once the rebuild is running and its first such read waits there.
    private async Task<HeldRestart> HeldRestartAsync(int seed, string heldAt)
    {
        var path = Path.Combine(_directory, "jobhome.db");
        var (postIds, seekerIds) = await SeedAsync(path, seed);
        var gate = new ReadGate(heldAt);
        var cluster = new RestartCluster(path, silo => PartitionRebuildRestart.WrapStorage(silo, inner => new GatedStorage(inner, gate)));
        await cluster.InitializeAsync();
        var restart = new HeldRestart(cluster, gate, await ScenarioAsync(cluster, postIds, seekerIds),
            cluster.Client.GetGrain<IMatchPartitionGrain>(Key), postIds, seekerIds);
        try
        {
            Assert.True((await restart.Partition.RebuildStatusAsync()).Rebuilding);
            await gate.Entered.WaitAsync(Guard);
            return restart;
        }
        catch
        {
            await restart.DisposeAsync();
            throw;
        }
    }

    /// <summary>A restarted silo whose partition rebuild is held at a barrier; disposing opens it and stops the silo.</summary>
    private sealed record HeldRestart(RestartCluster Cluster, ReadGate Gate, MatchingScenario Scenario, IMatchPartitionGrain Partition,
        List<string> PostIds, List<string> SeekerIds) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Gate.Open();
            await Cluster.DisposeAsync();
        }
    }

    // The centre of a partition cell: every record of the test (within Spread) is stored in it.
    private static double Lat => PartitionRebuildRestart.Lat(2);

    private static string Key => PartitionRebuildRestart.Key(2);

    // Posts and unemployed seekers in the cell, on a silo over the file at path, stopped again.
    private static async Task<(List<string> Posts, List<string> Seekers)> SeedAsync(string path, int seed)
    {
        var cluster = new RestartCluster(path);
        await cluster.InitializeAsync();
        try
        {
            var scenario = new MatchingScenario(cluster, Lat, 114.75, seed);
            await scenario.InitializeAsync();
            for (var i = 0; i < Posts; i++)
            {
                await scenario.OpenRandomPostAsync(Spread);
            }
            for (var i = 0; i < Seekers; i++)
            {
                await scenario.RegisterRandomSeekerAsync(Spread);
            }
            var counts = await cluster.Client.GetGrain<IMatchPartitionGrain>(Key).CountsAsync();
            Assert.Equal((Posts, Seekers), counts);
            return ([.. scenario.PostIds], [.. scenario.SeekerIds]);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    // A scenario on the restarted silo that knows the stored records (its own employer for posts opened now).
    private static async Task<MatchingScenario> ScenarioAsync(ClusterFixture cluster, List<string> postIds, List<string> seekerIds)
    {
        var scenario = new MatchingScenario(cluster, Lat, 114.75, seed: 7);
        await scenario.InitializeAsync();
        scenario.PostIds.AddRange(postIds);
        scenario.SeekerIds.AddRange(seekerIds);
        return scenario;
    }

    // The pure engine over the scenario's open posts alone (a seeker's list needs nothing else; no seeker grain activated).
    private static async Task<MatchIndex> PostsEngineAsync(MatchingScenario scenario)
    {
        var index = new MatchIndex();
        foreach (var id in scenario.PostIds)
        {
            var post = await scenario.EnginePostAsync(id);
            if (post.Openings > 0)
            {
                index.UpsertPost(post);
            }
        }
        return index;
    }

    /// <summary>Holds every batched read of one state name until opened; tells when the first one arrived.</summary>
    private sealed class ReadGate(string stateName)
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => _entered.Task;

        public bool Opened => _open.Task.IsCompleted;

        public void Open() => _open.TrySetResult();

        public async Task<T?[]> PassAsync<T>(string name, Func<Task<T?[]>> read)
        {
            if (name == stateName)
            {
                _entered.TrySetResult();
                await _open.Task;
            }
            return await read();
        }
    }

    /// <summary>Grain storage over the SQLite one whose batched reads pass the gate.</summary>
    private sealed class GatedStorage(IGrainStorage inner, ReadGate gate) : IGrainStorage, IGrainStateBatchReader
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.WriteStateAsync(stateName, grainId, grainState);

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ClearStateAsync(stateName, grainId, grainState);

        public Task<T?[]> ReadStatesAsync<T>(string stateName, IReadOnlyList<GrainId> grainIds, CancellationToken cancellationToken)
            where T : class =>
            gate.PassAsync(stateName, () => ((IGrainStateBatchReader)inner).ReadStatesAsync<T>(stateName, grainIds, cancellationToken));
    }
}
