using JobHome.Matching.Index;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Tests.Index;

/// <summary>
/// Ranking unexplained and explaining only the kept candidates (<see cref="MatchIndex.ExplainPosts"/>) gives exactly the
/// explained query's recommendations: ids, scores, order and every factor (value, contribution, words).
/// </summary>
public sealed class ExplainPostsTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 3)]
    [InlineData(4, 5)]
    public void ExplainPosts_UnexplainedTop50_EqualsExplainedQuery(int seed, int topFactors)
    {
        var random = new Random(seed);
        var data = new TestData(seed);
        var (seekers, posts) = data.Make(25, 700);
        var index = new MatchIndex();
        index.UpsertPosts(posts);
        // Churn, so that buckets compact and slots move before the explanation looks them up.
        foreach (var post in posts.Where((_, i) => i % 3 == 0))
        {
            index.RemovePost(post.Id);
        }
        index.UpsertPosts(posts.Where((_, i) => i % 6 == 0));
        var options = new MatchOptions(TestData.AsOf, TopFactors: topFactors);
        var compared = 0;
        foreach (var seeker in seekers)
        {
            var explained = index.TopPostsForSeeker(seeker, 50, options);
            var unexplained = index.TopPostsForSeeker(seeker, 50, options with { TopFactors = 0 });
            Assert.All(unexplained, static r => Assert.Empty(r.TopFactors));
            // A subset in another order, as an aware list keeps: each kept candidate explained as the query would.
            var kept = unexplained.OrderBy(_ => random.Next()).Take(20).ToArray();
            var result = index.ExplainPosts(seeker, kept, options);
            Assert.Equal(kept.Select(static r => r.Id), result.Select(static r => r.Id));
            foreach (var r in result)
            {
                var expected = explained.Single(e => e.Id == r.Id);
                Assert.Equal(expected.Score, r.Score);
                Assert.Equal(expected.TopFactors, r.TopFactors);
                compared++;
            }
        }
        Assert.True(compared >= 100, $"only {compared} recommendations compared");
    }

    [Fact]
    public void ExplainPosts_PostNotIndexed_ThrowsNamingIt()
    {
        var data = new TestData(7);
        var (seekers, posts) = data.Make(1, 10);
        var index = new MatchIndex();
        index.UpsertPosts(posts);
        var gone = new Recommendation("not-indexed", 0.5, []);

        var error = Assert.Throws<KeyNotFoundException>(() =>
            index.ExplainPosts(seekers[0], [gone], new MatchOptions(TestData.AsOf)));
        Assert.Contains("not-indexed", error.Message, StringComparison.Ordinal);
    }
}
