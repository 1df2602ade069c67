using JobHome.Matching.Assignment;

namespace JobHome.Matching.Tests.Assignment;

/// <summary>Seeded random candidate graphs and checks shared by the assignment tests.</summary>
internal static class TestGraphs
{
    /// <summary>Small graph: each pair present with probability <paramref name="density"/>; scores from a few tied levels.</summary>
    public static CandidateGraph Small(Random random, int seekers, int posts, int maxCapacity, double density)
    {
        var capacity = new int[posts];
        for (int p = 0; p < posts; p++)
        {
            capacity[p] = random.Next(maxCapacity + 1);
        }
        var start = new int[seekers + 1];
        var edgePost = new List<int>();
        var edgeScore = new List<int>();
        int[] levels = [0, 250_000, 500_000, 500_000, 750_000, 1_000_000];
        for (int s = 0; s < seekers; s++)
        {
            for (int p = 0; p < posts; p++)
            {
                if (random.NextDouble() < density)
                {
                    edgePost.Add(p);
                    edgeScore.Add(random.Next(3) == 0 ? levels[random.Next(levels.Length)] : random.Next(CandidateGraph.ScoreScale + 1));
                }
            }
            start[s + 1] = edgePost.Count;
        }
        return new CandidateGraph(seekers, capacity, start, [.. edgePost], [.. edgeScore]);
    }

    /// <summary>Large graph: each seeker gets <paramref name="degree"/> distinct random posts; capacities 1..10.</summary>
    public static CandidateGraph Large(Random random, int seekers, int posts, int degree)
    {
        var capacity = new int[posts];
        for (int p = 0; p < posts; p++)
        {
            capacity[p] = random.Next(1, 11);
        }
        var start = new int[seekers + 1];
        var edgePost = new int[seekers * degree];
        var edgeScore = new int[seekers * degree];
        var chosen = new HashSet<int>();
        int e = 0;
        for (int s = 0; s < seekers; s++)
        {
            chosen.Clear();
            while (chosen.Count < degree)
            {
                chosen.Add(random.Next(posts));
            }
            foreach (int p in chosen)
            {
                edgePost[e] = p;
                edgeScore[e] = random.Next(2) == 0 ? random.Next(20) * 50_000 : random.Next(CandidateGraph.ScoreScale + 1);
                e++;
            }
            start[s + 1] = e;
        }
        return new CandidateGraph(seekers, capacity, start, edgePost, edgeScore);
    }

    /// <summary>Asserts that the assignment uses only graph edges, respects capacities and reports its own totals.</summary>
    public static void AssertFeasible(CandidateGraph graph, FairAssignment result)
    {
        Assert.Equal(graph.SeekerCount, result.PostOfSeeker.Length);
        var used = new int[graph.PostCount];
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
            int best = -1;
            for (int e = graph.EdgeStart[s]; e < graph.EdgeStart[s + 1]; e++)
            {
                if (graph.EdgePost[e] == p)
                {
                    best = Math.Max(best, graph.EdgeScore[e]);
                }
            }
            Assert.True(best >= 0, $"seeker {s} placed at post {p} without an edge");
            used[p]++;
            total += best;
            placed++;
        }
        for (int p = 0; p < graph.PostCount; p++)
        {
            Assert.True(used[p] <= graph.Capacity[p], $"post {p} holds {used[p]} > {graph.Capacity[p]}");
        }
        Assert.Equal(total, result.TotalScoreMicro);
        Assert.Equal(placed, result.Placed);
        Assert.Equal(placed, result.OpeningsFilled);
    }
}
