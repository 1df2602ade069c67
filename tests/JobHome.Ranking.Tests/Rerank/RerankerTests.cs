using JobHome.Domain.People;
using JobHome.Matching.Index;
using JobHome.Matching.Ranking;
using JobHome.Matching.Scoring;

namespace JobHome.Ranking.Tests.Rerank;

public sealed class RerankerTests
{
    private static (Reranker Reranker, List<RerankCandidate> Candidates, JobHome.Matching.Model.MatchSeeker Seeker) Setup(int seekerIndex)
    {
        var (seekers, posts) = RankingData.Xinfeng();
        var result = RerankTestData.Result;
        var index = new MatchIndex(result.Linear);
        index.UpsertPosts(posts);
        var seeker = seekers[seekerIndex];
        var byId = posts.ToDictionary(p => p.Id);
        var top = index.TopPostsForSeeker(seeker, 100, RerankTestData.Options);
        var candidates = top.Select((r, i) =>
            new RerankCandidate(byId[r.Id], r.Score, new RerankContext(i, i % 7, i % 3, i % 5, (i % 3) / 2f))).ToList();
        return (new Reranker(result.Trees, RerankTestData.Options), candidates, seeker);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(40)]
    [InlineData(777)]
    public void Rerank_OnlyGenderDiffers_SameRanking(int seekerIndex)
    {
        var (reranker, candidates, seeker) = Setup(seekerIndex);
        Assert.NotEmpty(candidates);
        var other = seeker with { Gender = seeker.Gender == Gender.Male ? Gender.Female : Gender.Male };
        var a = reranker.Rerank(seeker, candidates, 20);
        var b = reranker.Rerank(other, candidates, 20);
        Assert.Equal(a.Select(p => (p.Id, p.Score)), b.Select(p => (p.Id, p.Score)));
        Assert.Equal(a.SelectMany(p => p.Reasons.Select(r => r.English)), b.SelectMany(p => p.Reasons.Select(r => r.English)));
    }

    [Fact]
    public void Rerank_Candidates_OrderedByTreeScoreWithReasonsInBothLanguages()
    {
        var (reranker, candidates, seeker) = Setup(10);
        var ranked = reranker.Rerank(seeker, candidates, 20);
        Assert.Equal(Math.Min(20, candidates.Count), ranked.Count);
        for (var i = 1; i < ranked.Count; i++)
        {
            Assert.True(ranked[i - 1].Score >= ranked[i].Score);
        }
        Assert.All(ranked, p => Assert.Equal(RerankTestData.Options.TopFactors, p.Reasons.Count));
        Assert.All(ranked.SelectMany(p => p.Reasons), r => Assert.False(string.IsNullOrWhiteSpace(r.Chinese) || r.Chinese == r.English));
    }

    [Fact]
    public void Contributions_FeatureAtBaseline_Zero()
    {
        var trees = RerankTestData.Result.Trees;
        var features = trees.Baseline.ToArray();
        var contributions = new double[RerankFeatureNames.Count];
        trees.Contributions(features, contributions);
        Assert.All(contributions, c => Assert.Equal(0.0, c));
    }

    [Fact]
    public void Score_SingleLeafTree_ReturnsBiasPlusWeightedLeaf()
    {
        var trees = new TreeEnsemble([new RegressionTreeData(0.5, [], [], [], [], [4.0])], 1.0, new float[RerankFeatureNames.Count]);
        Assert.Equal(3.0, trees.Score(new float[RerankFeatureNames.Count]));
    }

    [Fact]
    public void Score_Stump_GoesLeftWhenAtOrBelowThreshold()
    {
        var stump = new RegressionTreeData(1, [2], [0.5f], [~0], [~1], [-1.0, 1.0]);
        var trees = new TreeEnsemble([stump], 0, new float[RerankFeatureNames.Count]);
        var x = new float[RerankFeatureNames.Count];
        x[2] = 0.5f;
        Assert.Equal(-1.0, trees.Score(x));
        x[2] = 0.6f;
        Assert.Equal(1.0, trees.Score(x));
    }

    [Fact]
    public void Constructor_BadChild_ThrowsNamingTreeAndNode()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new TreeEnsemble([new RegressionTreeData(1, [99], [0.5f], [~0], [~1], [-1.0, 1.0])], 0, new float[RerankFeatureNames.Count]));
        Assert.Contains("tree 0 node 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Contributions_EachFeature_EqualsFullScoreDifference()
    {
        var trees = RerankTestData.Result.Trees;
        var contributions = new double[RerankFeatureNames.Count];
        foreach (var row in RerankTestData.Rows.Take(300))
        {
            trees.Contributions(row.Features, contributions);
            var full = trees.Score(row.Features);
            for (var f = 0; f < RerankFeatureNames.Count; f++)
            {
                var probe = (float[])row.Features.Clone();
                probe[f] = trees.Baseline[f];
                Assert.Equal(full - trees.Score(probe), contributions[f], 9);
            }
        }
    }

    [Theory]
    [InlineData(1, 20)]
    [InlineData(1, 1000)]
    [InlineData(3, 20)]
    [InlineData(3, 1000)]
    public void Rerank_AnySize_EqualsAStableSortOfTreeScoresWithTopReasons(int copies, int count)
    {
        // Three copies of the list give 300 candidates (past the stack buffers) with exact ties, which keep input order.
        var (reranker, single, seeker) = Setup(25);
        var candidates = Enumerable.Repeat(single, copies).SelectMany(c => c).ToList();
        var scores = new double[candidates.Count];
        reranker.Score(seeker, candidates, scores, new float[RerankFeatureNames.Count]);
        var expected = Enumerable.Range(0, candidates.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(count).ToList();

        var ranked = reranker.Rerank(seeker, candidates, count);

        Assert.Equal(expected.Select(i => (candidates[i].Post.Id, scores[i])), ranked.Select(p => (p.Id, p.Score)));
        var trees = RerankTestData.Result.Trees;
        var features = new float[RerankFeatureNames.Count];
        var contributions = new double[RerankFeatureNames.Count];
        for (var r = 0; r < ranked.Count; r++)
        {
            RerankFeatures.Fill(seeker, candidates[expected[r]], RerankTestData.Options, features);
            trees.Contributions(features, contributions);
            var top = Enumerable.Range(0, RerankFeatureNames.Count).OrderByDescending(f => contributions[f]).ThenBy(f => f)
                .Take(RerankTestData.Options.TopFactors);
            Assert.Equal(top.Select(f => ((RerankFeature)f, contributions[f])), ranked[r].Reasons.Select(x => (x.Feature, x.Contribution)));
        }
    }

    [Fact]
    public void TreeScoreAndContributions_AllocateNothing()
    {
        var trees = RerankTestData.Result.Trees;
        var rows = RerankTestData.Rows.Take(200).Select(r => r.Features).ToArray();
        var contributions = new double[RerankFeatureNames.Count];
        var sum = 0.0;
        foreach (var row in rows)
        {
            sum += trees.Score(row);
            trees.Contributions(row, contributions);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var row in rows)
        {
            sum += trees.Score(row);
            trees.Contributions(row, contributions);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(double.IsFinite(sum));
    }
}
