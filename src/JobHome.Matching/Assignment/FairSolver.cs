namespace JobHome.Matching.Assignment;

/// <summary>Assigns seekers to posts at a fair: exact optimum or a stable matching.</summary>
/// <remarks>
/// <para>Every seeker takes at most one post, every post at most <see cref="CandidateGraph.Capacity"/> seekers, and only
/// pairs of the graph are used.</para>
/// <para><see cref="FairMode.Optimal"/> solves a min-cost assignment exactly with integer costs (see
/// <see cref="OptimalAssignmentSolver"/>): for <see cref="FairObjective.Score"/> the weights are the scores; for
/// <see cref="FairObjective.Placements"/> each real pair weighs score + BIG with BIG = SeekerCount × 1,000,000 + 1, so any
/// assignment placing one more seeker beats every assignment placing fewer (scores sum to less than BIG), and among equal
/// placement counts the score decides.</para>
/// <para><see cref="FairMode.Stable"/> runs seeker-proposing deferred acceptance (see <see cref="StableAssignmentSolver"/>);
/// the objective does not change a stable result.</para>
/// </remarks>
public static class FairSolver
{
    /// <summary>Solves the fair assignment for <paramref name="graph"/>; reports progress and honours cancellation.</summary>
    public static FairAssignment Solve(
        CandidateGraph graph,
        FairObjective objective,
        FairMode mode,
        IProgress<SolveProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        cancellationToken.ThrowIfCancellationRequested();
        int[] assignedEdge = mode switch
        {
            FairMode.Optimal => new OptimalAssignmentSolver(graph, objective == FairObjective.Placements).Run(progress, cancellationToken),
            FairMode.Stable => StableAssignmentSolver.Run(graph, progress, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown mode"),
        };
        return Summarise(graph, assignedEdge);
    }

    private static FairAssignment Summarise(CandidateGraph graph, int[] assignedEdge)
    {
        var postOfSeeker = new int[graph.SeekerCount];
        long total = 0;
        int placed = 0;
        for (int s = 0; s < postOfSeeker.Length; s++)
        {
            int e = assignedEdge[s];
            if (e < 0)
            {
                postOfSeeker[s] = -1;
                continue;
            }
            postOfSeeker[s] = graph.EdgePost[e];
            total += graph.EdgeScore[e];
            placed++;
        }
        return new FairAssignment(postOfSeeker, total, placed);
    }
}
