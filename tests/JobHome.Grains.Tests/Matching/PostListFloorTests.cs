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

    private static IEnumerable<(string, double)> Keys(MatchItem[] items) => items.Select(static i => (i.Id, i.Rank));
}
