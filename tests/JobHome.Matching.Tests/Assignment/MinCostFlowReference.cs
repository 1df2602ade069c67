using JobHome.Matching.Assignment;

namespace JobHome.Matching.Tests.Assignment;

/// <summary>
/// Independent reference for graphs too large to enumerate: min-cost flow source → seeker → post → sink by successive
/// shortest paths with Bellman-Ford (negative costs allowed), stopping at the first path that does not lower the cost.
/// </summary>
internal static class MinCostFlowReference
{
    /// <summary>Best (placed, score): by score alone, or by placements then score (pair weight score + BIG).</summary>
    public static (int Placed, long Score) Best(CandidateGraph graph, bool placementsFirst)
    {
        int seekers = graph.SeekerCount;
        int posts = graph.PostCount;
        int source = seekers + posts;
        int sink = source + 1;
        long big = placementsFirst ? ((long)seekers * CandidateGraph.ScoreScale) + 1 : 0;
        var arcs = new List<Arc>();
        var outgoing = new List<int>[sink + 1];
        for (int n = 0; n <= sink; n++)
        {
            outgoing[n] = [];
        }
        void Add(int from, int to, int capacity, long cost, int score)
        {
            outgoing[from].Add(arcs.Count);
            arcs.Add(new Arc(to, capacity, cost, score));
            outgoing[to].Add(arcs.Count);
            arcs.Add(new Arc(from, 0, -cost, -score));
        }
        for (int s = 0; s < seekers; s++)
        {
            Add(source, s, 1, 0, 0);
            for (int e = graph.EdgeStart[s]; e < graph.EdgeStart[s + 1]; e++)
            {
                Add(s, seekers + graph.EdgePost[e], 1, -(graph.EdgeScore[e] + big), graph.EdgeScore[e]);
            }
        }
        for (int p = 0; p < posts; p++)
        {
            Add(seekers + p, sink, graph.Capacity[p], 0, 0);
        }

        int placed = 0;
        long score = 0;
        var dist = new long[sink + 1];
        var via = new int[sink + 1];
        while (true)
        {
            Array.Fill(dist, long.MaxValue);
            Array.Fill(via, -1);
            dist[source] = 0;
            for (bool changed = true; changed;)
            {
                changed = false;
                for (int n = 0; n <= sink; n++)
                {
                    if (dist[n] == long.MaxValue)
                    {
                        continue;
                    }
                    foreach (int a in outgoing[n])
                    {
                        Arc arc = arcs[a];
                        if (arc.Capacity > 0 && dist[n] + arc.Cost < dist[arc.To])
                        {
                            dist[arc.To] = dist[n] + arc.Cost;
                            via[arc.To] = a;
                            changed = true;
                        }
                    }
                }
            }
            if (dist[sink] >= 0)
            {
                return (placed, score);
            }
            for (int n = sink; n != source; n = arcs[via[n] ^ 1].To)
            {
                int a = via[n];
                arcs[a] = arcs[a] with { Capacity = arcs[a].Capacity - 1 };
                arcs[a ^ 1] = arcs[a ^ 1] with { Capacity = arcs[a ^ 1].Capacity + 1 };
                score += arcs[a].Score;
            }
            placed++;
        }
    }

    private readonly record struct Arc(int To, int Capacity, long Cost, int Score);
}
