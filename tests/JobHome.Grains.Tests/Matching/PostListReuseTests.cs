using JobHome.Domain.People;
using JobHome.Domain.Work;
using JobHome.Grains.Matching;
using JobHome.Grains.Time;
using JobHome.Matching.Congestion;
using Microsoft.Extensions.Time.Testing;

namespace JobHome.Grains.Tests.Matching;

/// <summary>
/// A held part's refresh (<see cref="IMatchPartitionGrain.RefreshPostsAsync"/>) explains only the items whose words the
/// seeker does not hold: after each seeded sequence of closes, feature changes, openings-only changes and new posts, the
/// answer completed from the held part (<see cref="PostListCache.WithHeldFactors"/>) equals a full explained query — ids,
/// scores, order keys and every factor — for plain lists and for aware lists with prices.
/// </summary>
public sealed class PostListReuseTests
{
    private static readonly DateOnly Today = SeededMarket.Today;

    [Theory]
    [InlineData(PostListKind.Plain, 71)]
    [InlineData(PostListKind.Aware, 73)]
    public async Task TopPostItems_HeldPartAfterChanges_CompletedAnswerEqualsFullQuery(PostListKind kind, int seed)
    {
        var random = new Random(seed);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero));
        var catalog = new ModelCatalog(new ServerClock(time, new ServerClockOptions()), new AwareListOptions { Lists = kind });
        var index = new RankingIndex(catalog);
        var posts = Enumerable.Range(0, 60).Select(i => SeededMarket.Post($"p{i:D2}", random)).ToDictionary(static p => p.Id);
        index.UpsertPosts([.. posts.Values.Select(static p => p.ToMatchPost())]);
        var seekers = Enumerable.Range(0, 30).Select(i => SeededMarket.Seeker($"s{i:D2}", random)).ToArray();
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

        int reusedItems = 0, changedHeld = 0, next = 0;
        foreach (var seeker in seekers.Select(static s => s.ToMatchSeeker()))
        {
            var held = index.TopPostItems(seeker, 20, options, null, out _);
            var stamp = index.Stamp;
            Assert.NotEmpty(held);
            // A listed post closes, another listed one changes its pay, a third only its openings, and a new post opens.
            var ids = held.Select(static i => i.Id).ToArray();
            var closed = ids[random.Next(ids.Length)];
            Assert.True(index.RemovePost(closed));
            posts.Remove(closed);
            var repriced = ids.First(id => id != closed);
            posts[repriced] = posts[repriced] with { PayMin = posts[repriced].PayMin + 250m, PayMax = posts[repriced].PayMax + 500m };
            var reopened = ids.Last(id => id != closed && id != repriced);
            posts[reopened] = posts[reopened] with { Openings = posts[reopened].Openings + 3 };
            var added = SeededMarket.Post($"n{next++:D3}", random);
            posts[added.Id] = added;
            index.UpsertPosts([posts[repriced].ToMatchPost(), posts[reopened].ToMatchPost(), added.ToMatchPost()]);

            var answer = index.TopPostItems(seeker, 20, options, null,
                id => Array.IndexOf(ids, id) >= 0 && index.SameExplanation(id, stamp), out _, out var reused);
            var full = index.TopPostItems(seeker, 20, options, null, out _);

            Assert.NotNull(reused);
            var completed = PostListCache.WithHeldFactors(answer, reused, held);
            Assert.Equal(View(full), View(completed));
            var at = Array.FindIndex(answer, i => i.Id == repriced);
            if (at >= 0)
            {
                changedHeld++;
                Assert.False(reused[at], $"{seeker.Id}: the changed post {repriced} was answered without its new words");
            }
            reusedItems += reused.Count(static x => x);
        }
        // Both paths occur: most items come from the held words, and changed posts that stay listed are explained anew.
        Assert.True(reusedItems > 100, $"{reusedItems} items reused");
        Assert.True(changedHeld > 5, $"{changedHeld} changed posts stayed listed");
    }

    [Fact]
    public async Task TopPostItems_HeldBeforeTheFirstPrices_NothingReusedAnswerEqualsFullQuery()
    {
        // An aware partition serves plain-shaped items until its first prices (no congestion reason in front): a part held
        // from then must not be completed as if it had one.
        var random = new Random(83);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero));
        var catalog = new ModelCatalog(new ServerClock(time, new ServerClockOptions()),
            new AwareListOptions { Lists = PostListKind.Aware });
        var index = new RankingIndex(catalog);
        index.UpsertPosts([.. Enumerable.Range(0, 40).Select(i => SeededMarket.Post($"p{i:D2}", random).ToMatchPost())]);
        var seekers = Enumerable.Range(0, 10).Select(i => SeededMarket.Seeker($"s{i:D2}", random).ToMatchSeeker()).ToArray();
        index.UpsertSeekers(seekers);
        var options = new MatchingOptions().ToMatchOptions(Today);
        var held = seekers.Select(seeker => index.TopPostItems(seeker, 20, options, null, out _)).ToArray();
        var stamp = index.Stamp;
        Assert.All(held, static part => Assert.All(part, static i => Assert.NotEqual(RankingItems.CongestionToken, i.Factors[0].Factor)));

        var priced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        catalog.PricesUpdated += _ => priced.TrySetResult();
        index.Adopt(options);
        await priced.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(index.Adopt(options));

        for (var s = 0; s < seekers.Length; s++)
        {
            var ids = held[s].Select(static i => i.Id).ToArray();
            var answer = index.TopPostItems(seekers[s], 20, options, null,
                id => Array.IndexOf(ids, id) >= 0 && index.SameExplanation(id, stamp), out _, out var reused);
            var full = index.TopPostItems(seekers[s], 20, options, null, out _);
            Assert.NotNull(reused);
            Assert.DoesNotContain(true, reused);
            Assert.Equal(View(full), View(PostListCache.WithHeldFactors(answer, reused, held[s])));
            Assert.Equal(RankingItems.CongestionToken, full[0].Factors[0].Factor);
        }
    }

    /// <summary>
    /// An aware part's congestion reasons are taken from the same seeker's earlier answer where they word the same place
    /// (<see cref="HeldReasons"/>): after closes, new posts and a corrected post the answer equals one computed without them,
    /// every factor's words included, and both outcomes (a reason reused, a reason worded anew) occur.
    /// </summary>
    [Fact]
    public async Task TopPostItems_AwareWithHeldReasons_AfterChangesEqualsAnswerWithoutThem()
    {
        var random = new Random(59);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero));
        var catalog = new ModelCatalog(new ServerClock(time, new ServerClockOptions()),
            new AwareListOptions { Lists = PostListKind.Aware });
        var index = new RankingIndex(catalog);
        var posts = Enumerable.Range(0, 90).Select(i => SeededMarket.Post($"p{i:D2}", random)).ToDictionary(static p => p.Id);
        index.UpsertPosts([.. posts.Values.Select(static p => p.ToMatchPost())]);
        var seekers = Enumerable.Range(0, 30).Select(i => SeededMarket.Seeker($"s{i:D2}", random).ToMatchSeeker()).ToArray();
        index.UpsertSeekers(seekers);
        var options = new MatchingOptions().ToMatchOptions(Today);
        var priced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        catalog.PricesUpdated += _ => priced.TrySetResult();
        index.Adopt(options);
        await priced.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(index.Adopt(options));

        int reusedReasons = 0, worded = 0, next = 0;
        foreach (var seeker in seekers)
        {
            var held = index.TopPostItems(seeker, 20, options, null, null, null, out _, out _, out _, out var reasons);
            Assert.NotNull(reasons);
            for (var round = 0; round < 3; round++)
            {
                var ids = held.Select(static i => i.Id).ToArray();
                var closed = ids[random.Next(ids.Length)];
                Assert.True(index.RemovePost(closed));
                posts.Remove(closed);
                var added = SeededMarket.Post($"n{next++:D3}", random);
                posts[added.Id] = added;
                var corrected = posts.Keys.ElementAt(random.Next(posts.Count));
                posts[corrected] = posts[corrected] with { PayMin = posts[corrected].PayMin + 250m };
                index.UpsertPosts([added.ToMatchPost(), posts[corrected].ToMatchPost()]);

                var answer = index.TopPostItems(seeker, 20, options, null, null, reasons, out _, out _, out _, out var nextReasons);
                var fresh = index.TopPostItems(seeker, 20, options, null, null, null, out _, out _, out _, out _);
                Assert.Equal(View(fresh), View(answer));
                foreach (var item in answer)
                {
                    if (held.Any(h => ReferenceEquals(h.Factors[0], item.Factors[0])))
                    {
                        reusedReasons++;
                    }
                    else
                    {
                        worded++;
                    }
                }
                held = answer;
                reasons = nextReasons;
            }
        }
        Assert.True(reusedReasons > 100, $"{reusedReasons} reasons reused");
        Assert.True(worded > 100, $"{worded} reasons worded anew");
    }

    [Fact]
    public void SameExplanation_StampOfAnotherIndexOrBeforeAChange_False()
    {
        var random = new Random(79);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero));
        var catalog = new ModelCatalog(new ServerClock(time, new ServerClockOptions()),
            new AwareListOptions { Lists = PostListKind.Plain });
        var index = new RankingIndex(catalog);
        var post = SeededMarket.Post("p", random);
        index.UpsertPosts([post.ToMatchPost()]);
        var stamp = index.Stamp;

        Assert.True(index.SameExplanation("p", stamp));
        index.UpsertPosts([(post with { Openings = post.Openings + 1 }).ToMatchPost()]);
        Assert.True(index.SameExplanation("p", stamp));
        index.UpsertPosts([(post with { PayMax = post.PayMax + 500m }).ToMatchPost()]);
        Assert.False(index.SameExplanation("p", stamp));
        Assert.True(index.SameExplanation("p", index.Stamp));
        Assert.False(index.SameExplanation("unknown", index.Stamp));
        // A stamp from before this activation began (an older index) never passes.
        Assert.False(index.SameExplanation("p", stamp - 1_000_000_000));
        Assert.True(index.RemovePost("p"));
        Assert.False(index.SameExplanation("p", index.Stamp));
    }

    private static IEnumerable<string> View(MatchItem[] items) => items.Select(static i =>
        $"{i.Id} {i.Score:R} {i.Rank:R} " + string.Join(";", i.Factors.Select(static f =>
            $"{f.Factor}={f.Value:R}/{f.Contribution:R}/{f.Chinese}/{f.English}")));
}
