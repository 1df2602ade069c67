using JobHome.Matching.Ranking;
using JobHome.Ranking.Bundle;
using JobHome.Ranking.Rerank;

namespace JobHome.Ranking.Tests.Rerank;

public sealed class RerankerTrainerTests
{
    [Fact]
    public void TreeEnsemble_TrainedTrees_EqualMlNetPredictions()
    {
        var result = RerankTestData.Result;
        var rows = RerankTestData.Rows;
        var mlnet = RerankerTrainer.MlNetScores(result.Model, rows);
        Assert.Equal(rows.Count, mlnet.Length);
        for (var i = 0; i < rows.Count; i++)
        {
            // ML.NET returns the score as a float: equal up to float rounding.
            var ours = result.Trees.Score(rows[i].Features);
            Assert.True(Math.Abs(mlnet[i] - ours) <= 1e-5 * Math.Max(1.0, Math.Abs(ours)), $"row {i}: ML.NET {mlnet[i]}, ours {ours}");
        }
    }

    [Fact]
    public void Train_DemoOutcomes_ReRankerBeatsLinearOnHeldOutNdcg()
    {
        var result = RerankTestData.Result;
        Assert.True(result.RerankerWins, $"re-ranker {result.RerankerMetrics} vs linear {result.LinearMetrics}");
        Assert.InRange(result.LinearMetrics.Auc, 0.6, 1.0);
        Assert.True(result.HeldOutRows > 0 && result.TrainRows > result.HeldOutRows);
    }

    [Fact]
    public void TreeEnsemble_JsonRoundTrip_SameScores()
    {
        var trees = RerankTestData.Result.Trees;
        var back = TreeEnsemble.FromJson(trees.ToJson());
        foreach (var row in RerankTestData.Rows.Take(500))
        {
            Assert.Equal(trees.Score(row.Features), back.Score(row.Features));
        }
    }

    [Fact]
    public void ModelBundle_WriteThenRead_LinearAndTreesAndManifest()
    {
        var result = RerankTestData.Result;
        using var stream = new MemoryStream();
        ModelBundle.Write(result, SplitKind.Time, stream);
        Assert.True(ModelBundle.LooksLikeBundle(stream.ToArray()));
        var read = JobHome.Matching.Model.TwoStageModel.Parse(stream.ToArray());
        Assert.Equal(result.Linear.ToJson(), read.Linear.ToJson());
        Assert.Equal(result.Trees.ToJson(), read.Reranker!.ToJson());
        stream.Position = 0;
        var manifest = ModelBundle.ReadEntry(stream, ModelBundle.ManifestEntry);
        Assert.Contains("\"ndcg10\"", manifest, StringComparison.Ordinal);
        Assert.Contains("\"skills_share\"", manifest, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadEntry_NotZip_ThrowsFormatExceptionNamingProblem()
    {
        using var stream = new MemoryStream("not a zip"u8.ToArray());
        var e = Assert.Throws<FormatException>(() => ModelBundle.ReadEntry(stream, ModelBundle.LinearEntry));
        Assert.Contains("ZIP", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FeatureNames_NoProtectedAttribute_NoneNamed()
    {
        string[] forbidden = ["gender", "sex", "ethnic", "disab", "id_card", "idcard", "birth", "region", "age_years", "household"];
        Assert.Equal(RerankFeatureNames.Count, RerankFeatureNames.Tokens.Count);
        Assert.Equal(RerankFeatureNames.Count, Enum.GetValues<RerankFeature>().Length);
        Assert.All(RerankFeatureNames.Tokens, t => Assert.DoesNotContain(forbidden, f => t.Contains(f, StringComparison.Ordinal)));
    }
}
