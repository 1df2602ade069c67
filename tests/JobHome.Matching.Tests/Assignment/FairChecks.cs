using JobHome.Matching.Assignment;

namespace JobHome.Matching.Tests.Assignment;

/// <summary>Invariant checks on a <see cref="FairAssignment"/>.</summary>
internal static class FairChecks
{
    /// <summary>Asserts edges only, capacities respected, reported totals equal the recomputed ones.</summary>
    public static void AssertFeasible(CandidateGraph graph, FairAssignment result)
    {
        Assert.Equal(graph.SeekerCount, result.PostOfSeeker.Length);
        int[] load = new int[graph.PostCount];
        long total = 0;
        int placed = 0;
        for (int s = 0; s < graph.SeekerCount; s++)
        {
            int p = result.PostOfSeeker[s];
            if (p < 0)
            {
                Assert.Equal(-1, p);
                continue;
            }
            int edge = -1;
            for (int e = graph.EdgeStart[s]; e < graph.EdgeStart[s + 1]; e++)
            {
                if (graph.EdgePost[e] == p)
                {
                    edge = e;
                }
            }
            Assert.True(edge >= 0, $"seeker {s} placed at post {p} without an edge");
            load[p]++;
            total += graph.EdgeScore[edge];
            placed++;
        }
        for (int p = 0; p < graph.PostCount; p++)
        {
            Assert.True(load[p] <= graph.Capacity[p], $"post {p} over capacity");
        }
        Assert.Equal(total, result.TotalScoreMicro);
        Assert.Equal(placed, result.Placed);
        Assert.Equal(placed, result.OpeningsFilled);
    }

    /// <summary>Finds a blocking pair by brute force under the documented tie-breaks, or null.</summary>
    public static (int Seeker, int Post)? FindBlockingPair(CandidateGraph graph, FairAssignment result)
    {
        int n = graph.SeekerCount;
        int[] current = new int[n];
        int[] load = new int[graph.PostCount];
        for (int s = 0; s < n; s++)
        {
            current[s] = -1;
            int p = result.PostOfSeeker[s];
            if (p >= 0)
            {
                load[p]++;
                current[s] = ScoreOf(graph, s, p);
            }
        }
        for (int s = 0; s < n; s++)
        {
            int mine = result.PostOfSeeker[s];
            for (int e = graph.EdgeStart[s]; e < graph.EdgeStart[s + 1]; e++)
            {
                int p = graph.EdgePost[e];
                int score = graph.EdgeScore[e];
                if (p == mine)
                {
                    continue;
                }
                bool seekerPrefers = mine < 0 || score > current[s] || (score == current[s] && p < mine);
                if (!seekerPrefers)
                {
                    continue;
                }
                if (load[p] < graph.Capacity[p])
                {
                    return (s, p);
                }
                for (int t = 0; t < n; t++)
                {
                    if (result.PostOfSeeker[t] == p && (current[t] < score || (current[t] == score && t > s)))
                    {
                        return (s, p);
                    }
                }
            }
        }
        return null;
    }

    private static int ScoreOf(CandidateGraph graph, int s, int p)
    {
        for (int e = graph.EdgeStart[s]; e < graph.EdgeStart[s + 1]; e++)
        {
            if (graph.EdgePost[e] == p)
            {
                return graph.EdgeScore[e];
            }
        }
        throw new InvalidOperationException("no edge");
    }
}
