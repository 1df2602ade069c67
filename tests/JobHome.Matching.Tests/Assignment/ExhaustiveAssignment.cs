using JobHome.Matching.Assignment;

namespace JobHome.Matching.Tests.Assignment;

/// <summary>Independent reference: enumerates every feasible assignment of a tiny graph by depth-first search.</summary>
internal static class ExhaustiveAssignment
{
    /// <summary>Best (placed, score) pair: by score alone, or by placements then score.</summary>
    public static (int Placed, long Score) Best(CandidateGraph graph, bool placementsFirst)
    {
        var remaining = graph.Capacity.ToArray();
        (int Placed, long Score) best = (0, 0);
        Visit(graph, 0, remaining, 0, 0, placementsFirst, ref best);
        return best;
    }

    private static void Visit(CandidateGraph graph, int seeker, int[] remaining, int placed, long score, bool placementsFirst, ref (int Placed, long Score) best)
    {
        if (seeker == graph.SeekerCount)
        {
            bool better = placementsFirst
                ? placed > best.Placed || (placed == best.Placed && score > best.Score)
                : score > best.Score;
            if (better)
            {
                best = (placed, score);
            }
            return;
        }
        Visit(graph, seeker + 1, remaining, placed, score, placementsFirst, ref best);
        for (int e = graph.EdgeStart[seeker]; e < graph.EdgeStart[seeker + 1]; e++)
        {
            int p = graph.EdgePost[e];
            if (remaining[p] == 0)
            {
                continue;
            }
            remaining[p]--;
            Visit(graph, seeker + 1, remaining, placed + 1, score + graph.EdgeScore[e], placementsFirst, ref best);
            remaining[p]++;
        }
    }
}
