using JobHome.Domain.People;
using JobHome.Domain.Work;
using JobHome.Grains.Matching;
using JobHome.Grains.Time;
using JobHome.Matching.Congestion;
using Microsoft.Extensions.Time.Testing;

namespace JobHome.Grains.Tests.Matching;

/// <summary>
/// The floor a partition returns with a seeker's part (<see cref="PartitionMatches.Floor"/>): a post scoring below it does
/// not change the part, for plain lists and for aware lists with prices, checked on seeded markets by adding each post and
/// comparing the part before and after (the seeker then skips asking the partition, so the floor must never lie).
/// </summary>
public sealed class PostListFloorTests
{
    private static readonly DateOnly Today = SeededMarket.Today;

    [Theory]
    [InlineData(PostListKind.Plain, 61)]
    [InlineData(PostListKind.Aware, 67)]
    public async Task TopPostItems_NewPostBelowTheFloor_PartUnchanged(PostListKind kind, int seed)
    {
        var random = new Random(seed);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero));
        var catalog = new ModelCatalog(new ServerClock(time, new ServerClockOptions()), new AwareListOptions { Lists = kind });
        var index = new RankingIndex(catalog);
        // 30 posts: fewer than the aware lists' 50 candidates, more than the 20 kept.
        index.UpsertPosts([.. Enumerable.Range(0, 30).Select(i => SeededMarket.Post($"p{i:D2}", random).ToMatchPost())]);
        var seekers = Enumerable.Range(0, 40).Select(i => SeededMarket.Seeker($"s{i:D2}", random)).ToArray();
        index.UpsertSeekers(seekers.Select(static s => s.ToMatchSeeker()));
        var options = new MatchingOptions().ToMatchOptions(Today);
        if (kind == PostListKind.Aware)
        {
            var priced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            catalog.PricesUpdated += _ => priced.TrySetResult();
            index.Adopt(options);
            await priced.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(index.Adopt(options));
        }

        int below = 0, changed = 0;
        foreach (var seeker in seekers.Select(static s => s.ToMatchSeeker()))
        {
            var before = index.TopPostItems(seeker, 20, options, null, out var floor);
            for (var j = 0; j < 12; j++)
            {
                var post = SeededMarket.Post($"n-{seeker.Id}-{j}", random).ToMatchPost();
                index.UpsertPosts([post]);
                var after = index.TopPostItems(seeker, 20, options, null, out _);
                var score = index.TopSeekerItems(post, 1000, options).FirstOrDefault(i => i.Id == seeker.Id)?.Score;
                var same = Keys(before).SequenceEqual(Keys(after));
                if (score is { } s && s < floor - 1e-9)
                {
                    below++;
                    Assert.True(same, $"{seeker.Id} gained {post.Id} scoring {s} below the floor {floor}");
                }
                changed += same ? 0 : 1;
                Assert.True(index.RemovePost(post.Id));
            }
        }
        // Both cases occur, so the check above is not vacuous.
        Assert.True(below > 10, $"{below} new posts below the floor");
        Assert.True(changed > 10, $"{changed} new posts changed a part");
    }

    /// <summary>
    /// The floor for new posts (<c>newFloor</c>, used for a post indexed since the part was computed and unchanged since):
    /// an aware part's lowest kept key even when the candidates fill their depth (80 posts here, 50 candidates). A new post
    /// below it leaves the part identical, the congestion reasons' words included (plain ranks unchanged).
    /// </summary>
    [Theory]
    [InlineData(PostListKind.Plain, 61, 30)]
    [InlineData(PostListKind.Aware, 67, 30)]
    [InlineData(PostListKind.Aware, 89, 80)]
    [InlineData(PostListKind.Aware, 97, 120)]
    public async Task TopPostItems_NewPostBelowTheNewPostsFloor_PartUnchangedWordsIncluded(PostListKind kind, int seed, int posts)
    {
        var random = new Random(seed);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero));
        var catalog = new ModelCatalog(new ServerClock(time, new ServerClockOptions()), new AwareListOptions { Lists = kind });
        var index = new RankingIndex(catalog);
        index.UpsertPosts([.. Enumerable.Range(0, posts).Select(i => SeededMarket.Post($"p{i:D3}", random).ToMatchPost())]);
        var seekers = Enumerable.Range(0, 40).Select(i => SeededMarket.Seeker($"s{i:D2}", random)).ToArray();
        index.UpsertSeekers(seekers.Select(static s => s.ToMatchSeeker()));
        var options = new MatchingOptions().ToMatchOptions(Today);
        if (kind == PostListKind.Aware)
        {
            var priced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            catalog.PricesUpdated += _ => priced.TrySetResult();
            index.Adopt(options);
            await priced.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(index.Adopt(options));
        }

        int below = 0, belowOnlyNew = 0, changed = 0;
        foreach (var seeker in seekers.Select(static s => s.ToMatchSeeker()))
        {
            var before = index.TopPostItems(seeker, 20, options, null, null, null, out var floor, out var newFloor, out _, out _);
            Assert.True(newFloor >= floor, $"{seeker.Id}: the new posts' floor {newFloor} is below the floor {floor}");
            for (var j = 0; j < 12; j++)
            {
                var post = SeededMarket.Post($"n-{seeker.Id}-{j}", random).ToMatchPost();
                index.UpsertPosts([post]);
                Assert.True(index.IndexedUnchanged(post.Id));
                var after = index.TopPostItems(seeker, 20, options, null, out _);
                var score = index.TopSeekerItems(post, 1000, options).FirstOrDefault(i => i.Id == seeker.Id)?.Score;
                var same = View(before).SequenceEqual(View(after));
                if (score is { } s && s < newFloor - 1e-9)
                {
                    below++;
                    belowOnlyNew += s < floor - 1e-9 ? 0 : 1;
                    Assert.True(same, $"{seeker.Id} changed with {post.Id} scoring {s} below the new posts' floor {newFloor}");
                }
                changed += Keys(before).SequenceEqual(Keys(after)) ? 0 : 1;
                Assert.True(index.RemovePost(post.Id));
            }
        }
        Assert.True(below > 10, $"{below} new posts below the new posts' floor");
        Assert.True(changed > 10, $"{changed} new posts changed a part");
        if (kind == PostListKind.Aware && posts > 50)
        {
            // Full candidate sets: the floor of any post is −∞ there, so only the new posts' floor skips anything.
            Assert.True(belowOnlyNew > 10, $"{belowOnlyNew} new posts skipped only by the new posts' floor");
        }
    }

    [Fact]
    public void IndexedUnchanged_NewPostTrue_AfterAFeatureChangeFalse_OpeningsOnlyOrRemovedAndAddedAgainTrue()
    {
        var random = new Random(5);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero));
        var index = new RankingIndex(new ModelCatalog(new ServerClock(time, new ServerClockOptions()), new AwareListOptions()));
        var post = SeededMarket.Post("p", random);
        Assert.False(index.IndexedUnchanged("p"));
        index.UpsertPosts([post.ToMatchPost()]);
        Assert.True(index.IndexedUnchanged("p"));
        index.UpsertPosts([(post with { Openings = post.Openings + 2 }).ToMatchPost()]);
        Assert.True(index.IndexedUnchanged("p"));
        index.UpsertPosts([(post with { PayMax = post.PayMax + 500m }).ToMatchPost()]);
        Assert.False(index.IndexedUnchanged("p"));
        Assert.True(index.RemovePost("p"));
        Assert.False(index.IndexedUnchanged("p"));
        index.UpsertPosts([post.ToMatchPost()]);
        Assert.True(index.IndexedUnchanged("p"));
    }

    private static IEnumerable<(string, double)> Keys(MatchItem[] items) => items.Select(static i => (i.Id, i.Rank));

    private static IEnumerable<string> View(MatchItem[] items) => items.Select(static i =>
        $"{i.Id} {i.Score:R} {i.Rank:R} " + string.Join(";", i.Factors.Select(static f =>
            $"{f.Factor}={f.Value:R}/{f.Contribution:R}/{f.Chinese}/{f.English}")));
}
