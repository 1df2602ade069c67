using JobHome.Matching.Assignment;

namespace JobHome.Matching.Tests.Assignment;

/// <summary>Independent, deliberately simple exact solvers used as oracles.</summary>
internal static class ReferenceSolvers
{
    /// <summary>Exhaustive search over every seeker's choice (or none): (best score, (max placed, best score among them)).</summary>
    public static (long Score, int Placed, long PlacedScore) BruteForce(CandidateGraph graph)
    {
        int[] load = new int[graph.PostCount];
        long bestScore = 0;
        int bestPlaced = 0;
        long bestPlacedScore = 0;
        Recurse(0, 0, 0);
        return (bestScore, bestPlaced, bestPlacedScore);

        void Recurse(int s, long score, int placed)
        {
            if (s == graph.SeekerCount)
            {
                bestScore = Math.Max(bestScore, score);
                if (placed > bestPlaced || (placed == bestPlaced && score > bestPlacedScore))
                {
                    bestPlaced = placed;
                    bestPlacedScore = score;
                }
                return;
            }
            Recurse(s + 1, score, placed);
            for (int e = graph.EdgeStart[s]; e < graph.EdgeStart[s + 1]; e++)
            {
                int p = graph.EdgePost[e];
                if (load[p] < graph.Capacity[p])
                {
                    load[p]++;
                    Recurse(s + 1, score + graph.EdgeScore[e], placed + 1);
                    load[p]--;
                }
            }
        }
    }

    /// <summary>
    /// Textbook successive shortest paths with Bellman–Ford on source → seekers → posts → sink, one unit per path.
    /// With <paramref name="maxFlow"/> false it stops once a path no longer gains score.
    /// </summary>
    public static (int Flow, long Score) MinCostFlow(CandidateGraph graph, bool maxFlow)
    {
        int n = graph.SeekerCount;
        int nodes = n + graph.PostCount + 2;
        int source = nodes - 2;
        int sink = nodes - 1;
        var to = new List<int>();
        var cap = new List<int>();
        var cost = new List<long>();
        var adjacency = new List<int>[nodes];
        for (int i = 0; i < nodes; i++)
        {
            adjacency[i] = [];
        }
        void AddEdge(int a, int b, int c, long w)
        {
            adjacency[a].Add(to.Count);
            to.Add(b);
            cap.Add(c);
            cost.Add(w);
            adjacency[b].Add(to.Count);
            to.Add(a);
            cap.Add(0);
            cost.Add(-w);
        }
        for (int s = 0; s < n; s++)
        {
            AddEdge(source, s, 1, 0);
            for (int e = graph.EdgeStart[s]; e < graph.EdgeStart[s + 1]; e++)
            {
                AddEdge(s, n + graph.EdgePost[e], 1, -graph.EdgeScore[e]);
            }
        }
        for (int p = 0; p < graph.PostCount; p++)
        {
            AddEdge(n + p, sink, graph.Capacity[p], 0);
        }
        int flow = 0;
        long totalCost = 0;
        long[] dist = new long[nodes];
        int[] via = new int[nodes];
        while (true)
        {
            Array.Fill(dist, long.MaxValue);
            Array.Fill(via, -1);
            dist[source] = 0;
            bool changed = true;
            for (int round = 0; round < nodes && changed; round++)
            {
                changed = false;
                for (int a = 0; a < nodes; a++)
                {
                    if (dist[a] == long.MaxValue)
                    {
                        continue;
                    }
                    foreach (int id in adjacency[a])
                    {
                        if (cap[id] > 0 && dist[a] + cost[id] < dist[to[id]])
                        {
                            dist[to[id]] = dist[a] + cost[id];
                            via[to[id]] = id;
                            changed = true;
                        }
                    }
                }
            }
            if (dist[sink] == long.MaxValue || (!maxFlow && dist[sink] >= 0))
            {
                return (flow, -totalCost);
            }
            for (int x = sink; x != source; x = to[via[x] ^ 1])
            {
                cap[via[x]]--;
                cap[via[x] ^ 1]++;
            }
            flow++;
            totalCost += dist[sink];
        }
    }
}
