using JobHome.Matching.Assignment;

namespace JobHome.Cli.Fair;

/// <summary>Maps a solver's answer back onto graph edges and checks it is a feasible assignment.</summary>
internal static class AssignmentCheck
{
    /// <summary>The chosen edge per seeker (-1 none); throws when the solver chose a non-edge or overfilled a post.</summary>
    public static int[] EdgesOf(CandidateGraph graph, FairSolution solution)
    {
        if (solution.PostOfSeeker.Length != graph.SeekerCount)
        {
            throw new InvalidOperationException($"the solver returned {solution.PostOfSeeker.Length} seekers, the graph has {graph.SeekerCount}");
        }
        var used = new int[graph.PostCount];
        var edges = new int[graph.SeekerCount];
        long total = 0;
        for (var s = 0; s < graph.SeekerCount; s++)
        {
            var post = solution.PostOfSeeker[s];
            edges[s] = -1;
            if (post < 0)
            {
                continue;
            }
            for (var e = graph.EdgeStart[s]; e < graph.EdgeStart[s + 1]; e++)
            {
                if (graph.EdgePost[e] == post)
                {
                    edges[s] = e;
                    break;
                }
            }
            if (edges[s] < 0)
            {
                throw new InvalidOperationException($"the solver assigned seeker #{s} to post #{post}, which is not a candidate pair");
            }
            if (++used[post] > graph.Capacity[post])
            {
                throw new InvalidOperationException($"the solver filled post #{post} beyond its {graph.Capacity[post]} openings");
            }
            total += graph.EdgeScore[edges[s]];
        }
        if (total != solution.TotalScoreMicro)
        {
            throw new InvalidOperationException($"the solver reported a total of {solution.TotalScoreMicro} micro-points but its assignment sums to {total}");
        }
        return edges;
    }
}
