using JobHome.Grains.Matching;
using JobHome.Grains.Posts;
using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Matching;

/// <summary>
/// One seeker listed in one partition, as the listing tests start: six perfect posts around (lat, lon), the seeker beside
/// them and one read of its list (all six posts; the read lists the seeker in the partition: a registration computes no
/// list). <see cref="First"/> is that read, kept as the seeker's first refresh event; null when the seeker was not read.
/// </summary>
internal sealed record ListedSeeker(ClusterFixture Fixture, PostListEvents Events, MatchingScenario Scenario, List<string> Posts,
    string Seeker, string Partition, PostListRefreshed? First)
{
    private static readonly TimeSpan Window = new MatchingOptions().StaleNoticeWindow;

    /// <summary>
    /// Opens the posts, registers the seeker and reads its list; with <paramref name="read"/> false it does not read, so the
    /// seeker holds no list and is not listed anywhere.
    /// </summary>
    public static async Task<ListedSeeker> StartAsync(ClusterFixture fixture, PostListEvents events, double lat, double lon, int seed,
        bool read = true)
    {
        var scenario = new MatchingScenario(fixture, lat, lon, seed);
        await scenario.InitializeAsync();
        var posts = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            posts.Add(await scenario.OpenPostAsync(scenario.PerfectPost(lat + (i * 0.003), lon + (i * 0.002))));
        }
        var seeker = await scenario.RegisterSeekerAsync(MatchingScenario.Seeker(lat + 0.001, lon + 0.001));
        var partition = MatchPartitions.KeyOf(lat + 0.001, lon + 0.001, new MatchingOptions().CellDegrees);
        PostListRefreshed? first = null;
        if (read)
        {
            first = await events.ReadFirstListAsync(fixture.Client, seeker);
            Assert.Equal(6, first.PostIds.Length);
        }
        return new ListedSeeker(fixture, events, scenario, posts, seeker, partition, first);
    }

    /// <summary>
    /// Closes <paramref name="post"/>, waits until the partition marked the seeker for it (so that the window's timer exists
    /// before the clock moves), moves the clock one window and returns the seeker's first push after its first
    /// <paramref name="after"/> refresh events.
    /// </summary>
    public async Task<PostListRefreshed> CloseAndAwaitPushAsync(string post, int after)
    {
        var marks = Events.Marked().Count(m => m.Partition == Partition);
        Assert.True((await Fixture.Client.GetGrain<IPostGrain>(post).CloseAsync()).Succeeded);
        Assert.Contains(Seeker, (await Events.MarkedAsync(Partition, marks + 1))[^1].SeekerIds);
        Fixture.Time.Advance(Window);
        return await Events.NextAsync(Seeker, after, static e => e.Pushed == 1);
    }
}
