namespace JobHome.Matching.Congestion;

/// <summary>
/// Prices posts for aware lists. Dual prices: once, from the exact maximum-score assignment of the candidates. Crowding and
/// the expected hiring cutoff: by a damped fixed point — every person's list (aware under the current prices) → expected
/// applications (<see cref="Simulation.MarketSettings.ApplyProbability"/> by rank) → per post the share turned away and
/// the score of the expected last hire (the applicant at which the expected applications, best score first, reach the
/// free openings; 0 when they never do) → again.
/// </summary>
internal static class CongestionPricer
{
    /// <summary>The penalty subtracted from a score: λ · max(0, cutoff − score) + μ · crowding + ν · dual price.</summary>
    public static double Penalty(double score, double cutoff, double crowding, double dual, CongestionSettings settings) =>
        (cutoff > score ? settings.Strength * (cutoff - score) : 0) + (settings.Crowding * crowding) + (settings.Dual * dual);

    /// <summary>The crowding of a post: the expected share of applications turned away, max(0, 1 − free / applications).</summary>
    public static double Crowding(double demand, int free) => demand > free && demand > 0 ? 1 - (free / demand) : 0;

    /// <summary>Fills the per-post <paramref name="cutoffs"/>, <paramref name="crowding"/>, <paramref name="duals"/> and
    /// <paramref name="demand"/> (expected applications). Each row of <paramref name="table"/> stands for <paramref name="weight"/>
    /// people; the dual prices come from the assignment of <paramref name="dualTable"/> (the rows repeated to the population).</summary>
    public static void Estimate(CandidateTable table, CandidateTable dualTable, ReadOnlySpan<int> free, double weight, int listLength,
        CongestionSettings settings, double[] cutoffs, double[] crowding, double[] duals, double[] demand)
    {
        var posts = free.Length;
        Array.Clear(duals);
        if (settings.Dual > 0)
        {
            DualPrices(dualTable, free, duals);
        }
        Array.Clear(cutoffs);
        Array.Clear(crowding);
        var next = new double[posts];
        var chosen = new int[listLength];
        var aware = new double[settings.CandidateDepth];
        var entryPost = new int[table.Rows * listLength];
        var entryScore = new double[entryPost.Length];
        var entryWeight = new double[entryPost.Length];
        var start = new int[posts + 1];
        var sortedScore = new double[entryPost.Length];
        var sortedWeight = new double[entryPost.Length];
        for (var iteration = 0; iteration < settings.Iterations; iteration++)
        {
            var entries = 0;
            for (var row = 0; row < table.Rows; row++)
            {
                var rowPosts = table.Posts(row);
                var rowScores = table.Scores(row);
                var n = Select(rowPosts, rowScores, cutoffs, crowding, duals, settings, chosen, aware);
                for (var r = 0; r < n; r++)
                {
                    entryPost[entries] = rowPosts[chosen[r]];
                    entryScore[entries] = rowScores[chosen[r]];
                    entryWeight[entries] = weight * Simulation.MarketSettings.ApplyProbability(r + 1);
                    entries++;
                }
            }
            Group(entries, entryPost, entryScore, entryWeight, start, sortedScore, sortedWeight);
            Array.Clear(demand);
            for (var p = 0; p < posts; p++)
            {
                next[p] = Cutoff(sortedScore.AsSpan(start[p], start[p + 1] - start[p]),
                    sortedWeight.AsSpan(start[p], start[p + 1] - start[p]), free[p], out demand[p]);
            }
            var take = iteration == 0 ? 1.0 : settings.Damping;
            for (var p = 0; p < posts; p++)
            {
                cutoffs[p] = ((1 - take) * cutoffs[p]) + (take * next[p]);
                crowding[p] = ((1 - take) * crowding[p]) + (take * Crowding(demand[p], free[p]));
            }
        }
    }

    /// <summary>
    /// Picks at most <c>chosen.Length</c> candidates by score − penalty, best first (ties: the plain order); writes their
    /// positions in the row to <paramref name="chosen"/> and returns how many.
    /// </summary>
    public static int Select(ReadOnlySpan<int> posts, ReadOnlySpan<double> scores, ReadOnlySpan<double> cutoffs,
        ReadOnlySpan<double> crowding, ReadOnlySpan<double> duals, CongestionSettings settings, Span<int> chosen, Span<double> scratch)
    {
        var n = posts.Length;
        for (var i = 0; i < n; i++)
        {
            var p = posts[i];
            scratch[i] = scores[i] - Penalty(scores[i], cutoffs[p], crowding[p], duals[p], settings);
        }
        var k = Math.Min(chosen.Length, n);
        for (var r = 0; r < k; r++)
        {
            var best = -1;
            for (var i = 0; i < n; i++)
            {
                if (double.IsNaN(scratch[i]))
                {
                    continue;
                }
                if (best < 0 || scratch[i] > scratch[best])
                {
                    best = i;
                }
            }
            chosen[r] = best;
            scratch[best] = double.NaN;
        }
        return k;
    }

    /// <summary>
    /// Post prices from the dual potentials of the exact maximum-score assignment of the candidate pairs (the fair
    /// solver): −v_p in score units, 0 for posts that are not full in the optimum.
    /// </summary>
    private static void DualPrices(CandidateTable table, ReadOnlySpan<int> free, double[] duals)
    {
        var edgeStart = new int[table.Rows + 1];
        var edgePost = new int[table.Count];
        var edgeScore = new int[table.Count];
        for (var row = 0; row < table.Rows; row++)
        {
            var posts = table.Posts(row);
            var scores = table.Scores(row);
            var at = edgeStart[row];
            for (var i = 0; i < posts.Length; i++)
            {
                edgePost[at + i] = posts[i];
                edgeScore[at + i] = Assignment.CandidateGraph.ToMicro(scores[i]);
            }
            edgeStart[row + 1] = at + posts.Length;
        }
        var graph = new Assignment.CandidateGraph(table.Rows, free.ToArray(), edgeStart, edgePost, edgeScore);
        var solver = new Assignment.OptimalAssignmentSolver(graph, placementsFirst: false);
        solver.Run(null, CancellationToken.None);
        var v = solver.ColumnPotentials;
        for (var p = 0; p < duals.Length; p++)
        {
            duals[p] = -v[p] / (double)Assignment.CandidateGraph.ScoreScale;
        }
    }

    private static void Group(int entries, int[] post, double[] score, double[] weight, int[] start, double[] sortedScore,
        double[] sortedWeight)
    {
        Array.Clear(start);
        for (var e = 0; e < entries; e++)
        {
            start[post[e] + 1]++;
        }
        for (var p = 1; p < start.Length; p++)
        {
            start[p] += start[p - 1];
        }
        var fill = start.AsSpan(0, start.Length - 1).ToArray();
        for (var e = 0; e < entries; e++)
        {
            var at = fill[post[e]]++;
            sortedScore[at] = -score[e];
            sortedWeight[at] = weight[e];
        }
        for (var p = 0; p + 1 < start.Length; p++)
        {
            var length = start[p + 1] - start[p];
            if (length > 1)
            {
                // keys are negated scores, so ascending order is best first; equal scores are interchangeable for a cutoff
                Array.Sort(sortedScore, sortedWeight, start[p], length);
            }
        }
    }

    private static double Cutoff(ReadOnlySpan<double> negatedScores, ReadOnlySpan<double> weights, int free, out double demand)
    {
        demand = 0;
        var cutoff = 0.0;
        var reached = false;
        for (var i = 0; i < weights.Length; i++)
        {
            demand += weights[i];
            if (!reached && free > 0 && demand >= free)
            {
                cutoff = -negatedScores[i];
                reached = true;
            }
        }
        return reached ? cutoff : 0;
    }
}
