namespace JobHome.Matching.Assignment;

/// <summary>The result of a fair solve: each seeker's post (or -1) with the exact totals.</summary>
public sealed class FairAssignment
{
    /// <summary>Creates a result; totals must match <paramref name="postOfSeeker"/>.</summary>
    public FairAssignment(int[] postOfSeeker, long totalScoreMicro, int placed)
    {
        ArgumentNullException.ThrowIfNull(postOfSeeker);
        PostOfSeeker = postOfSeeker;
        TotalScoreMicro = totalScoreMicro;
        Placed = placed;
    }

    /// <summary>Post index of each seeker, or -1 when the seeker stays unplaced.</summary>
    public int[] PostOfSeeker { get; }

    /// <summary>Sum of the scores of the chosen pairs in micro-points.</summary>
    public long TotalScoreMicro { get; }

    /// <summary>Number of seekers placed.</summary>
    public int Placed { get; }

    /// <summary>Number of openings filled; equals <see cref="Placed"/> since a seeker fills one opening.</summary>
    public int OpeningsFilled => Placed;
}
