using JobHome.Matching.Ranking;
using JobHome.Matching.Scoring;

namespace JobHome.Ranking.Tests.Rerank;

public sealed class RerankFeaturesTests
{
    [Fact]
    public void Fill_XinfengPairs_AgreeWithScorerFactors()
    {
        var (seekers, posts) = RankingData.Xinfeng();
        var options = RerankTestData.Options;
        var features = new float[RerankFeatureNames.Count];
        var random = new Random(21);
        for (var n = 0; n < 2000; n++)
        {
            var seeker = seekers[random.Next(seekers.Count)];
            var post = posts[random.Next(posts.Count)];
            RerankFeatures.Fill(seeker, new RerankCandidate(post, 0.5, new RerankContext(3, 4, 5)), options, features);
            var factors = Scorer.Factors(seeker, post, options);
            Assert.Equal((float)factors.Skills, features[(int)RerankFeature.SkillsShare]);
            Assert.Equal((float)Math.Round(factors.Occupation * 4), features[(int)RerankFeature.OccupationDepth]);
            Assert.Equal((float)factors.Priority, features[(int)RerankFeature.Priority]);
            Assert.Equal(0.5f, features[(int)RerankFeature.LinearScore]);
            Assert.Equal(4f, features[(int)RerankFeature.PostPopularity]);
        }
    }

    [Fact]
    public void Fill_ShortDestination_ThrowsNamingRule()
    {
        var (seekers, posts) = RankingData.Xinfeng();
        var e = Assert.Throws<ArgumentException>(() =>
            RerankFeatures.Fill(seekers[0], new RerankCandidate(posts[0], 0, default), RerankTestData.Options, new float[3]));
        Assert.Contains("17 values", e.Message, StringComparison.Ordinal);
    }
}
