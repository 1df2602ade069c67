using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Tests.Index;

/// <summary>
/// Kept post queries (<see cref="MatchIndex.KeepPostQuery"/>) answer from a memo of their last scan and the post changes since:
/// every answer must equal a scan of the same records (ids, scores, order, factors), whatever the changes between answers.
/// </summary>
public sealed class KeptPostQueryTests
{
    private static void AssertSame(IReadOnlyList<Recommendation> expected, IReadOnlyList<Recommendation> actual)
    {
        Assert.Equal(expected.Select(e => e.Id), actual.Select(a => a.Id));
        Assert.Equal(expected.Select(e => e.Score), actual.Select(a => a.Score));
        Assert.Equal(
            expected.Select(e => string.Join("|", e.TopFactors.Select(f => $"{f.Factor}:{f.Value:R}:{f.Contribution:R}:{f.English}"))),
            actual.Select(a => string.Join("|", a.TopFactors.Select(f => $"{f.Factor}:{f.Value:R}:{f.Contribution:R}:{f.English}"))));
    }

    [Theory]
    [InlineData(1, 300, 20)]
    [InlineData(2, 600, 50)]
    [InlineData(3, 80, 50)]
    [InlineData(4, 1500, 20)]
    public void TopPostsForSeeker_KeptQueriesAfterRandomChanges_EqualScanOfTheSameRecords(int seed, int postCount, int count)
    {
        var random = new Random(seed);
        var data = new TestData(seed);
        var (seekers, posts) = data.Make(40, postCount);
        var kept = new MatchIndex();
        var plain = new MatchIndex();
        kept.UpsertPosts(posts);
        plain.UpsertPosts(posts);
        var current = posts.ToDictionary(p => p.Id);
        var known = posts.Select(p => p.Id).ToList();
        foreach (var seeker in seekers)
        {
            kept.KeepPostQuery(seeker);
        }
        var options = new MatchOptions(TestData.AsOf);
        var model = ScoringModel.Default;
        var compared = 0;
        for (var round = 0; round < 150; round++)
        {
            // A burst of changes: new posts, corrections, changes of free openings only, fills and closes, posts back again.
            var changes = random.Next(10) == 0 ? random.Next(200, 600) : random.Next(0, 12);
            for (var c = 0; c < changes; c++)
            {
                var roll = random.Next(10);
                var id = known[random.Next(known.Count)];
                if (roll < 2)
                {
                    var post = data.Post();
                    known.Add(post.Id);
                    Upsert(post);
                }
                else if (roll < 4 && current.TryGetValue(id, out var old))
                {
                    Upsert(old with { Openings = random.Next(0, 4) });
                }
                else if (roll < 6)
                {
                    Upsert(data.Post(id));
                }
                else if (roll < 8 && current.TryGetValue(id, out var copied))
                {
                    // A tie: another post's features under this id.
                    var other = current.Values.ElementAt(random.Next(current.Count));
                    Upsert(other with { Id = copied.Id });
                }
                else
                {
                    Assert.Equal(current.Remove(id), kept.RemovePost(id));
                    plain.RemovePost(id);
                }
            }
            if (random.Next(25) == 0)
            {
                // Another model or other settings: the memos are filled again.
                model = random.Next(2) == 0 ? ScoringModel.Default : ScoringModel.FromWeights(0.2, 0.1, 0.1, 0.5, 0.1);
                options = random.Next(2) == 0 ? new MatchOptions(TestData.AsOf) : new MatchOptions(TestData.AsOf.AddDays(1), MaxKm: 20);
            }
            foreach (var seeker in seekers.Where(_ => random.Next(3) == 0))
            {
                var k = random.Next(4) == 0 ? random.Next(1, 80) : count;
                var asked = options with { TopFactors = random.Next(3) == 0 ? 3 : 0 };
                AssertSame(plain.TopPostsForSeeker(seeker, k, asked, model), kept.TopPostsForSeeker(seeker, k, asked, model));
                compared++;
            }
            // The memos' membership marks, kept up by each insert and removal, hold exactly the memos' posts.
            Assert.True(kept.KeptMarksExact(), $"round {round}");
        }
        // A seeker object that is not the kept one, and a forgotten one, are plain scans with the same answer.
        var copy = seekers[0] with { };
        AssertSame(plain.TopPostsForSeeker(copy, count, options, model), kept.TopPostsForSeeker(copy, count, options, model));
        Assert.True(kept.ForgetPostQuery(seekers[1].Id));
        AssertSame(plain.TopPostsForSeeker(seekers[1], count, options, model), kept.TopPostsForSeeker(seekers[1], count, options, model));
        Assert.True(compared > 1000, $"{compared} answers compared");
        // Both ways of answering occurred.
        Assert.True(kept.KeptAnswers.Answered > 500, $"{kept.KeptAnswers}");
        Assert.True(kept.KeptAnswers.Refilled > 40, $"{kept.KeptAnswers}");
        // And the walks passed over entries both ways (superseded, prefiltered) besides the ones they read.
        var walk = kept.KeptWalk;
        Assert.True(walk.Superseded > 0 && walk.Prefiltered > 0 && walk.Walked > walk.Superseded + walk.Prefiltered, $"{walk}");

        void Upsert(MatchPost post)
        {
            kept.UpsertPost(post);
            plain.UpsertPost(post);
            current[post.Id] = post;
        }
    }

    [Fact]
    public void TopPostsForSeeker_KeptQuery_ClosesOfListedPostsAnsweredWithoutAScanUntilTheReserveIsSpent()
    {
        var data = new TestData(7);
        var seeker = data.Seeker("s") with { Availability = (Domain.Work.WorkKind)15 };
        var index = new MatchIndex();
        var plain = new MatchIndex();
        for (var i = 0; i < 200; i++)
        {
            var post = data.Post($"p{i:000}") with
            {
                Location = data.Near(seeker.Location, 3), AgeMin = null, AgeMax = null, MinEducation = default, Openings = 2,
            };
            index.UpsertPost(post);
            plain.UpsertPost(post);
        }
        index.KeepPostQuery(seeker);
        var options = new MatchOptions(TestData.AsOf, TopFactors: 0);
        var answer = index.TopPostsForSeeker(seeker, 20, options);
        Assert.Equal(20, answer.Count);
        Assert.Equal((0L, 1L), index.KeptAnswers);
        // The memo holds 20 + Reserve(20) posts: each close of a listed post is answered from it while 20 remain.
        for (var close = 1; close <= MatchIndex.Reserve(20) + 1; close++)
        {
            index.RemovePost(answer[close % 20].Id);
            plain.RemovePost(answer[close % 20].Id);
            answer = index.TopPostsForSeeker(seeker, 20, options);
            AssertSame(plain.TopPostsForSeeker(seeker, 20, options), answer);
            var expected = close <= MatchIndex.Reserve(20) ? ((long)close, 1L) : (MatchIndex.Reserve(20), 2L);
            Assert.Equal(expected, index.KeptAnswers);
        }
    }
}
