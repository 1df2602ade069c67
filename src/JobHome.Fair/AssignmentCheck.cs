using JobHome.Matching.Assignment;

namespace JobHome.Fair;

/// <summary>Maps a solver's answer back onto graph edges and checks it is a feasible assignment.</summary>
internal static class AssignmentCheck
{
    /// <summary>The chosen edge per seeker (-1 none); throws when the solver chose a non-edge or overfilled a post.</summary>
    public static int[] EdgesOf(CandidateGraph graph, FairAssignment assignment)
    {
        if (assignment.PostOfSeeker.Length != graph.SeekerCount)
        {
            throw new InvalidOperationException(
                $"the solver returned {assignment.PostOfSeeker.Length} seekers, the graph has {graph.SeekerCount}");
        }
        var used = new int[graph.PostCount];
        var edges = new int[graph.SeekerCount];
        for (var seeker = 0; seeker < graph.SeekerCount; seeker++)
        {
            var post = assignment.PostOfSeeker[seeker];
            edges[seeker] = post < 0 ? -1 : EdgeOf(graph, seeker, post);
            if (post >= 0 && ++used[post] > graph.Capacity[post])
            {
                throw new InvalidOperationException($"the solver filled post #{post} beyond its {graph.Capacity[post]} openings");
            }
        }
        return edges;
    }

    private static int EdgeOf(CandidateGraph graph, int seeker, int post)
    {
        for (var edge = graph.EdgeStart[seeker]; edge < graph.EdgeStart[seeker + 1]; edge++)
        {
            if (graph.EdgePost[edge] == post)
            {
                return edge;
            }
        }
        throw new InvalidOperationException($"the solver assigned seeker #{seeker} to post #{post}, which is not a candidate pair");
    }
}
