using JobHome.Matching.Assignment;

namespace JobHome.Benchmarks.Matching;

/// <summary>Seeded generator of realistic fair graphs: each seeker's top-50 posts, clustered scores with many ties.</summary>
public static class FairInstances
{
    /// <summary>Builds a graph: posts fall into sectors, seekers mostly pick popular posts of their sector, scores are rounded to 0.01.</summary>
    public static CandidateGraph Create(int seekers, int posts, int openings, int degree = 50, int seed = 42)
    {
        if (openings < posts || openings > 10L * posts)
        {
            throw new ArgumentOutOfRangeException(nameof(openings), "openings must lie in posts..10·posts (capacities 1..10)");
        }
        var random = new Random(seed);
        var capacity = new int[posts];
        Array.Fill(capacity, 1);
        for (int extra = openings - posts; extra > 0;)
        {
            int p = random.Next(posts);
            if (capacity[p] < 10)
            {
                capacity[p]++;
                extra--;
            }
        }

        int sectors = Math.Max(1, posts / 150);
        var postAttraction = new double[posts];
        for (int p = 0; p < posts; p++)
        {
            postAttraction[p] = random.NextDouble();
        }
        int sectorSize = (posts + sectors - 1) / sectors;
        degree = Math.Min(degree, posts);
        var start = new int[seekers + 1];
        var edgePost = new int[seekers * degree];
        var edgeScore = new int[seekers * degree];
        var chosen = new HashSet<int>();
        int e = 0;
        for (int s = 0; s < seekers; s++)
        {
            int sector = random.Next(sectors);
            int sectorStart = sector * sectorSize;
            int sectorCount = Math.Max(1, Math.Min(sectorSize, posts - sectorStart));
            double skill = random.NextDouble();
            chosen.Clear();
            while (chosen.Count < degree)
            {
                bool inSector = random.Next(5) != 0 && sectorStart < posts && chosen.Count < sectorCount;
                // Popular posts (low offsets) are drawn more often: u² skews towards the sector's head.
                double u = random.NextDouble();
                int p = inSector ? sectorStart + (int)(sectorCount * u * u) : random.Next(posts);
                chosen.Add(Math.Min(p, posts - 1));
            }
            foreach (int p in chosen)
            {
                bool same = p >= sectorStart && p < sectorStart + sectorCount;
                double score = 0.35 + (same ? 0.3 : 0.0) + (0.15 * postAttraction[p]) + (0.1 * skill) + (0.1 * random.NextDouble());
                score = Math.Round(Math.Clamp(score, 0.0, 1.0), 2);
                edgePost[e] = p;
                edgeScore[e] = CandidateGraph.ToMicro(score);
                e++;
            }
            start[s + 1] = e;
        }
        return new CandidateGraph(seekers, capacity, start, edgePost, edgeScore);
    }
}
