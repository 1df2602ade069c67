using JobHome.Demo;
using JobHome.Demo.Outcomes;
using JobHome.Matching.Model;
using JobHome.Matching.Ranking;
using JobHome.Matching.Scoring;
using JobHome.Ranking.Rerank;
using JobHome.Ranking.Tests.Rerank;

namespace JobHome.Ranking.Tests.Context;

/// <summary>Post freshness, popularity and the seeker's application history: real in training, equal at serving, and useful.</summary>
public sealed class ContextFeatureTests
{
    [Fact]
    public void Build_XinfengOutcomes_EveryContextFeatureVaries()
    {
        var rows = RerankTestData.Rows;
        foreach (var feature in TwoStageTrainer.ContextFeatures)
        {
            var values = rows.Select(r => r.Features[(int)feature]).Distinct().Count();
            Assert.True(values > 2, $"{feature} takes {values} values");
        }
        Assert.All(rows, r => Assert.InRange(r.Features[(int)RerankFeature.HistoryKind], 0f, 1f));
        Assert.All(rows, r => Assert.InRange(r.Features[(int)RerankFeature.HistoryOccupation], 0f, 4f));
    }

    [Fact]
    public void Build_PostWithOpenDate_AgeIsDaysSinceOpened()
    {
        var (_, posts) = RankingData.Xinfeng();
        var opened = posts.ToDictionary(p => p.Id, p => p.Opened!.Value);
        Assert.All(RerankTestData.Rows, r => Assert.Equal(
            r.Outcome.Date.DayNumber - opened[r.Outcome.PostId].DayNumber, r.Features[(int)RerankFeature.PostAgeDays]));
    }

    [Fact]
    public void Train_XinfengOutcomes_ContextFeaturesRaiseHeldOutNdcgAndMap()
    {
        var result = RerankTestData.Result;
        Assert.True(result.RerankerMetrics.Ndcg10 > result.WithoutContextMetrics.Ndcg10,
            $"NDCG@10 {result.RerankerMetrics.Ndcg10:0.0000} with context vs {result.WithoutContextMetrics.Ndcg10:0.0000} without");
        Assert.True(result.RerankerMetrics.Map > result.WithoutContextMetrics.Map,
            $"MAP {result.RerankerMetrics.Map:0.0000} with context vs {result.WithoutContextMetrics.Map:0.0000} without");
    }

    // Serving replays what a live partition knows on a day — the lists shown before it (PostPopularity) and the seeker's
    // applications before it — and ranks with TwoStageRanking; every held-out pair gets the training row's exact tree score.
    [Fact]
    public void TwoStageRanking_ServingContextOfSamePair_EqualsTrainingFeatures()
    {
        var (seekers, posts) = RankingData.Xinfeng();
        var seekerById = seekers.ToDictionary(s => s.Id);
        var postById = posts.ToDictionary(p => p.Id);
        var result = RerankTestData.Result;
        var rows = RerankTestData.Rows;
        var popularity = new PostPopularity();
        var histories = new Dictionary<string, ApplicationHistory>();
        var compared = 0;
        foreach (var day in rows.GroupBy(r => r.Outcome.Date).OrderBy(g => g.Key))
        {
            foreach (var list in day.GroupBy(r => r.Group))
            {
                var first = list.First().Outcome;
                var linear = list.Select(r => new Recommendation(r.Outcome.PostId, result.Linear.Score(r.Factors), [])).ToList();
                var history = histories.GetValueOrDefault(first.SeekerId);
                var served = TwoStageRanking.Rerank(result.Trees, seekerById[first.SeekerId], linear, id => postById[id], linear.Count,
                    RerankTestData.Options, post => RerankContext.For(post, day.Key, null, popularity, history));
                foreach (var row in list)
                {
                    var item = served.Single(s => s.Id == row.Outcome.PostId);
                    Assert.Equal(result.Trees.Score(row.Features), item.Reranked!.Score, 12);
                    compared++;
                }
            }
            foreach (var row in day)
            {
                popularity.Record(row.Outcome.PostId, day.Key);
                if (row.Outcome.Applied)
                {
                    if (!histories.TryGetValue(row.Outcome.SeekerId, out var h))
                    {
                        histories.Add(row.Outcome.SeekerId, h = new ApplicationHistory());
                    }
                    h.Add(postById[row.Outcome.PostId].Occupation, postById[row.Outcome.PostId].Kind);
                }
            }
        }
        Assert.Equal(rows.Count, compared);
    }

    [Fact]
    public void PostPopularity_CountsOnlyTheFourteenDaysBefore()
    {
        var popularity = new PostPopularity();
        var day = new DateOnly(2025, 3, 1);
        popularity.Record("p", day.AddDays(-15), 100);
        popularity.Record("p", day.AddDays(-14), 3);
        popularity.Record("p", day.AddDays(-1), 2);
        popularity.Record("p", day, 50);
        Assert.Equal(5, popularity.ShownBefore("p", day));
        Assert.Equal(2.5f, popularity.PerOpening("p", day, 2));
        Assert.Equal(5f, popularity.PerOpening("p", day, 0));
        Assert.Equal(0, popularity.ShownBefore("other", day));
        popularity.Record("p", day.AddDays(14), 1); // reuses the slot of day − 1
        Assert.Equal(50, popularity.ShownBefore("p", day.AddDays(14)));
        Assert.Equal(1, popularity.ShownBefore("p", day.AddDays(15)));
    }

    [Fact]
    public void ApplicationHistory_OccupationDepthAndKindShare()
    {
        var history = new ApplicationHistory();
        Assert.Equal(0f, history.OccupationDepth(Code("4-01-02-03")));
        Assert.Equal(0f, history.KindShare(JobHome.Domain.Work.WorkKind.Gig));
        history.Add(Code("4-01-02-01"), JobHome.Domain.Work.WorkKind.Gig);
        history.Add(Code("6-02-01-01"), JobHome.Domain.Work.WorkKind.FullTime);
        history.Add(Code("6-02-01-02"), JobHome.Domain.Work.WorkKind.FullTime);
        Assert.Equal(3f, history.OccupationDepth(Code("4-01-02-03")));
        Assert.Equal(0f, history.OccupationDepth(Code("5-01-01-01")));
        Assert.Equal(2f / 3, history.KindShare(JobHome.Domain.Work.WorkKind.FullTime));
        Assert.Equal(3, history.Count);
    }

    [Fact]
    public void OutcomeBehaviour_StalePostsAttractLessHistoryMoreCrowdedHireLess()
    {
        var (seekers, posts) = RankingData.Xinfeng();
        var seeker = seekers[5];
        var post = posts[9];
        var f = new FactorVector(0.5, 0.5, 0.5, 0.5, 0);
        double Apply(RerankContext c) => OutcomeBehaviour.ApplyProbability(f, seeker, post, 3, 15, 1, 0, c);
        Assert.True(Apply(new RerankContext(90, 0, 0)) < Apply(new RerankContext(0, 0, 0)));
        Assert.True(Apply(new RerankContext(0, 0, 2, 4, 1)) > Apply(new RerankContext(0, 0, 2, 0, 0)));
        Assert.True(OutcomeBehaviour.HireProbability(f, 20) < OutcomeBehaviour.HireProbability(f, 0));
    }

    [Fact]
    public void Simulate_Xinfeng_NoPostShownBeforeItOpenedAndSomeSeekersReturn()
    {
        var (seekers, posts) = RankingData.Xinfeng();
        var opened = posts.ToDictionary(p => p.Id, p => p.Opened!.Value);
        var outcomes = OutcomeSimulator.Simulate(seekers, posts, 3);
        Assert.All(outcomes, o => Assert.True(opened[o.PostId] <= o.Date));
        Assert.Contains(outcomes.GroupBy(o => o.SeekerId), g => g.Select(o => o.Date).Distinct().Count() >= 2);
        Assert.All(outcomes.Where(o => o.Applied).GroupBy(o => (o.SeekerId, o.PostId)), g => Assert.Single(g));
    }

    [Fact]
    public void TreeEnsemble_FirstVersionFileOfFifteenFeatures_StillReadAndScored()
    {
        // trees.json as the first model.zip files wrote it: 15 baseline values; the one split is on linear_score (14).
        var baseline = string.Join(',', Enumerable.Repeat("0.25", RerankFeatureNames.FirstVersionCount));
        var read = TreeEnsemble.FromJson("{\"bias\":0,\"baseline\":[" + baseline + "],\"trees\":[{\"weight\":1,\"split\":[14],"
            + "\"threshold\":[0.5],\"left\":[-1],\"right\":[-2],\"leaves\":[0,1]}]}");
        var features = new float[RerankFeatureNames.Count];
        features[(int)RerankFeature.LinearScore] = 0.9f;

        Assert.Equal(1.0, read.Score(features));
        Assert.Equal(RerankFeatureNames.Count, read.Baseline.Length);
        Assert.Equal(0f, read.Baseline[(int)RerankFeature.HistoryKind]);
        Assert.Throws<ArgumentException>(() => new TreeEnsemble([], 0, new float[RerankFeatureNames.FirstVersionCount - 1]));
    }

    private static JobHome.Domain.Occupations.OccupationCode Code(string text) => JobHome.Domain.Occupations.OccupationCode.Parse(text);
}
