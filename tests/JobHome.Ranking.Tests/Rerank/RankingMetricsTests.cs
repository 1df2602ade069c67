using JobHome.Matching.Scoring;
using JobHome.Ranking.Rerank;

namespace JobHome.Ranking.Tests.Rerank;

public sealed class RankingMetricsTests
{
    private static RankRow Row(int group, int rank, bool applied, bool placed) =>
        new(group, new StageOutcome("S" + group, "P" + rank, new DateOnly(2024, 8, 1), rank, applied, placed), default, new float[15]);

    [Fact]
    public void Compute_PerfectOrder_AllOne()
    {
        IReadOnlyList<RankRow> rows = [Row(0, 1, true, true), Row(0, 2, true, false), Row(0, 3, false, false)];
        var m = RankingMetrics.Compute(rows, [3.0, 2.0, 1.0]);
        Assert.Equal(1.0, m.Auc, 12);
        Assert.Equal(1.0, m.Ndcg10, 12);
        Assert.Equal(1.0, m.Map, 12);
    }

    [Fact]
    public void Compute_ReversedOrder_KnownValues()
    {
        IReadOnlyList<RankRow> rows = [Row(0, 1, true, true), Row(0, 2, false, false), Row(0, 3, false, false)];
        var m = RankingMetrics.Compute(rows, [1.0, 2.0, 3.0]);
        Assert.Equal(0.0, m.Auc, 12);
        Assert.Equal(1.0 / 3, m.Map, 12);
        Assert.Equal(0.5, m.Ndcg10, 12);
    }

    [Fact]
    public void Compute_ListWithoutApplications_Skipped()
    {
        IReadOnlyList<RankRow> rows = [Row(0, 1, true, true), Row(0, 2, false, false), Row(1, 1, false, false), Row(1, 2, false, false)];
        var m = RankingMetrics.Compute(rows, [2.0, 1.0, 5.0, 6.0]);
        Assert.Equal(1.0, m.Ndcg10, 12);
        Assert.Equal(1.0, m.Map, 12);
    }

    [Fact]
    public void Compute_AllTied_AucIsHalf()
    {
        IReadOnlyList<RankRow> rows = [Row(0, 1, true, true), Row(0, 2, false, false)];
        Assert.Equal(0.5, RankingMetrics.Compute(rows, [1.0, 1.0]).Auc, 12);
    }

    [Fact]
    public void FactorVectorDefault_IsZero() => Assert.Equal(0.0, default(FactorVector).Occupation);
}
