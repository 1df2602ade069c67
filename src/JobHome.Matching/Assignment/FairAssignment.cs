namespace JobHome.Matching.Assignment;

/// <summary>The result of a fair solve: each seeker's post (or -1) and the totals.</summary>
public sealed class FairAssignment
{
    /// <summary>Creates a result.</summary>
    public FairAssignment(int[] postOfSeeker, long totalScoreMicro, int placed)
    {
        ArgumentNullException.ThrowIfNull(postOfSeeker);
        PostOfSeeker = postOfSeeker;
        TotalScoreMicro = totalScoreMicro;
        Placed = placed;
    }

    /// <summary>Post index of each seeker, or -1 when unplaced.</summary>
    public int[] PostOfSeeker { get; }

    /// <summary>Sum of the used edges' scores in micro-points.</summary>
    public long TotalScoreMicro { get; }

    /// <summary>Number of seekers placed.</summary>
    public int Placed { get; }

    /// <summary>Number of openings filled; equals <see cref="Placed"/>.</summary>
    public int OpeningsFilled => Placed;

    /// <summary>Time spent in the warm start (greedy on tight edges).</summary>
    public TimeSpan WarmStartTime { get; init; }

    /// <summary>Time spent in shortest augmenting paths or deferred acceptance.</summary>
    public TimeSpan SolveTime { get; init; }
}
