using JobHome.Matching.Assignment;

namespace JobHome.Benchmarks.Matching;

/// <summary>
/// Seeded, realistic-looking fair graphs: seekers and posts live in occupation/region clusters, each seeker keeps its
/// top-N posts, scores are rounded to 0.01 (so many ties) and mix affinity, post attractiveness and noise.
/// </summary>
public static class FairInstances
{
    /// <summary>Builds a graph with <paramref name="seekers"/> seekers, <paramref name="posts"/> posts and
    /// <paramref name="openings"/> openings in all, each seeker keeping its best <paramref name="top"/> posts.</summary>
    public static CandidateGraph Create(int seekers, int posts, int openings, int top, int seed)
    {
        var random = new Random(seed);
        int[] capacity = new int[posts];
        for (int p = 0; p < posts; p++)
        {
            capacity[p] = 1;
        }
        for (int i = posts; i < openings; i++)
        {
            // Skewed: a few large employers hold many openings.
            int p = random.Next(4) == 0 ? random.Next(Math.Max(1, posts / 20)) : random.Next(posts);
            capacity[p]++;
        }
        double[] attractiveness = new double[posts];
        for (int p = 0; p < posts; p++)
        {
            attractiveness[p] = random.NextDouble();
        }
        int window = Math.Min(posts, Math.Max(top * 6, 300));
        int[] edgeStart = new int[seekers + 1];
        int[] edgePost = new int[seekers * Math.Min(top, posts)];
        int[] edgeScore = new int[edgePost.Length];
        int candidates = Math.Min(posts, top * 3);
        int[] candidatePost = new int[candidates];
        int[] candidateScore = new int[candidates];
        var seen = new HashSet<int>();
        int e = 0;
        for (int s = 0; s < seekers; s++)
        {
            int home = random.Next(posts);
            seen.Clear();
            int c = 0;
            while (c < candidates)
            {
                int p = random.Next(5) == 0 ? random.Next(posts) : (home + random.Next(window)) % posts;
                if (!seen.Add(p))
                {
                    continue;
                }
                int distance = Math.Abs(((p - home + posts) % posts) - (window / 2));
                double affinity = 1.0 - ((double)distance / window);
                double score = (0.45 * affinity) + (0.35 * attractiveness[p]) + (0.2 * random.NextDouble());
                candidatePost[c] = p;
                candidateScore[c] = (int)Math.Round(Math.Clamp(score, 0.0, 1.0) * 100) * 10_000;
                c++;
            }
            Array.Sort(candidateScore, candidatePost);
            int keep = Math.Min(top, candidates);
            for (int k = candidates - 1; k >= candidates - keep; k--)
            {
                edgePost[e] = candidatePost[k];
                edgeScore[e] = candidateScore[k];
                e++;
            }
            edgeStart[s + 1] = e;
        }
        return new CandidateGraph(seekers, capacity, edgeStart, edgePost, edgeScore);
    }
}
