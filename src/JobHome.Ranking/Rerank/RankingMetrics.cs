namespace JobHome.Ranking.Rerank;

/// <summary>Held-out quality of a scoring: AUC of placed vs not, NDCG@10 (gain 2^grade − 1) and MAP (relevant = applied).</summary>
/// <param name="Auc">Area under the ROC curve, placed vs not placed, over all rows (ties count half).</param>
/// <param name="Ndcg10">Mean NDCG@10 over lists with at least one application.</param>
/// <param name="Map">Mean average precision over lists with at least one application.</param>
public sealed record RankingMetrics(double Auc, double Ndcg10, double Map)
{
    /// <summary>Computes the metrics of <paramref name="scores"/> (one per row) on <paramref name="rows"/>.</summary>
    public static RankingMetrics Compute(IReadOnlyList<RankRow> rows, IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(scores);
        if (rows.Count != scores.Count)
        {
            throw new ArgumentException("one score per row");
        }
        var indexes = Enumerable.Range(0, rows.Count).ToArray();
        var ndcg = new List<double>();
        var ap = new List<double>();
        foreach (var group in indexes.GroupBy(i => rows[i].Group))
        {
            // Ties broken by the shown rank, so equal scores do not flatter a model.
            var ordered = group.OrderByDescending(i => scores[i]).ThenByDescending(i => rows[i].Outcome.Rank).ToArray();
            var grades = ordered.Select(i => rows[i].Outcome.Grade).ToArray();
            if (grades.All(g => g == 0))
            {
                continue;
            }
            ndcg.Add(Dcg(grades, 10) / Dcg([.. grades.OrderByDescending(g => g)], 10));
            double hits = 0, sum = 0;
            for (var k = 0; k < grades.Length; k++)
            {
                if (grades[k] > 0)
                {
                    hits++;
                    sum += hits / (k + 1);
                }
            }
            ap.Add(sum / hits);
        }
        return new RankingMetrics(AreaUnderCurve(rows, scores), ndcg.Count == 0 ? 0 : ndcg.Average(), ap.Count == 0 ? 0 : ap.Average());
    }

    private static double Dcg(int[] grades, int k)
    {
        var dcg = 0.0;
        for (var i = 0; i < Math.Min(k, grades.Length); i++)
        {
            dcg += (Math.Pow(2, grades[i]) - 1) / Math.Log2(i + 2);
        }
        return dcg;
    }

    private static double AreaUnderCurve(IReadOnlyList<RankRow> rows, IReadOnlyList<double> scores)
    {
        var order = Enumerable.Range(0, rows.Count).OrderBy(i => scores[i]).ToArray();
        double positives = 0, negatives = 0, rankSum = 0;
        var r = 0;
        while (r < order.Length)
        {
            var end = r;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[r]])
            {
                end++;
            }
            var midRank = ((r + end) / 2.0) + 1;
            for (var j = r; j <= end; j++)
            {
                if (rows[order[j]].Outcome.Placed)
                {
                    positives++;
                    rankSum += midRank;
                }
                else
                {
                    negatives++;
                }
            }
            r = end + 1;
        }
        return positives == 0 || negatives == 0 ? 0.5 : (rankSum - (positives * (positives + 1) / 2)) / (positives * negatives);
    }
}
