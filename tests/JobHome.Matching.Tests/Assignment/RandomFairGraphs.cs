using JobHome.Matching.Assignment;

namespace JobHome.Matching.Tests.Assignment;

/// <summary>Seeded random candidate graphs for the fair solver tests.</summary>
internal static class RandomFairGraphs
{
    /// <summary>A graph with distinct posts per seeker; scores drawn from a few levels when <paramref name="levels"/> &gt; 0.</summary>
    public static CandidateGraph Create(Random random, int seekers, int posts, int maxDegree, int minCapacity, int maxCapacity, int levels)
    {
        int[] capacity = new int[posts];
        for (int p = 0; p < posts; p++)
        {
            capacity[p] = random.Next(minCapacity, maxCapacity + 1);
        }
        int[] edgeStart = new int[seekers + 1];
        var edgePost = new List<int>();
        var edgeScore = new List<int>();
        var chosen = new HashSet<int>();
        for (int s = 0; s < seekers; s++)
        {
            int degree = random.Next(0, Math.Min(maxDegree, posts) + 1);
            chosen.Clear();
            while (chosen.Count < degree)
            {
                chosen.Add(random.Next(posts));
            }
            foreach (int p in chosen)
            {
                edgePost.Add(p);
                edgeScore.Add(levels > 0
                    ? (int)((long)random.Next(levels + 1) * CandidateGraph.ScoreScale / levels)
                    : random.Next(CandidateGraph.ScoreScale + 1));
            }
            edgeStart[s + 1] = edgePost.Count;
        }
        return new CandidateGraph(seekers, capacity, edgeStart, [.. edgePost], [.. edgeScore]);
    }

    /// <summary>A fair-sized graph: every seeker has exactly <paramref name="degree"/> distinct posts, clustered scores.</summary>
    public static CandidateGraph CreateLarge(Random random, int seekers, int posts, int openings, int degree)
    {
        int[] capacity = new int[posts];
        for (int i = 0; i < openings; i++)
        {
            capacity[i < posts ? i : random.Next(posts)]++;
        }
        int[] edgeStart = new int[seekers + 1];
        int[] edgePost = new int[seekers * degree];
        int[] edgeScore = new int[seekers * degree];
        var chosen = new HashSet<int>();
        int e = 0;
        for (int s = 0; s < seekers; s++)
        {
            chosen.Clear();
            int home = random.Next(posts);
            while (chosen.Count < degree)
            {
                int p = random.Next(4) == 0 ? random.Next(posts) : (home + random.Next(400)) % posts;
                if (chosen.Add(p))
                {
                    edgePost[e] = p;
                    edgeScore[e] = 400_000 + (random.Next(60) * 10_000);
                    e++;
                }
            }
            edgeStart[s + 1] = e;
        }
        return new CandidateGraph(seekers, capacity, edgeStart, edgePost, edgeScore);
    }
}
