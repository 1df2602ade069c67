namespace JobHome.Matching.Assignment;

/// <summary>
/// The bipartite candidate graph of a fair in compressed sparse rows: seeker <c>s</c>'s edges are
/// <c>EdgeStart[s] .. EdgeStart[s+1]-1</c>; each edge names a post and carries the pair's score in
/// integer micro-points (score × 1,000,000, 0..1,000,000) so that solvers maximise exact integer sums.
/// </summary>
public sealed class CandidateGraph
{
    /// <summary>Score scale: one point of score equals this many micro-points.</summary>
    public const int ScoreScale = 1_000_000;

    /// <summary>Creates a graph after checking its shape.</summary>
    public CandidateGraph(int seekerCount, int[] capacity, int[] edgeStart, int[] edgePost, int[] edgeScore)
    {
        ArgumentNullException.ThrowIfNull(capacity);
        ArgumentNullException.ThrowIfNull(edgeStart);
        ArgumentNullException.ThrowIfNull(edgePost);
        ArgumentNullException.ThrowIfNull(edgeScore);
        if (edgeStart.Length != seekerCount + 1 || edgeStart[0] != 0 || edgeStart[seekerCount] != edgePost.Length
            || edgePost.Length != edgeScore.Length)
        {
            throw new ArgumentException("edge arrays do not match the seeker count");
        }
        SeekerCount = seekerCount;
        Capacity = capacity;
        EdgeStart = edgeStart;
        EdgePost = edgePost;
        EdgeScore = edgeScore;
    }

    /// <summary>Number of seekers (rows).</summary>
    public int SeekerCount { get; }

    /// <summary>Number of posts.</summary>
    public int PostCount => Capacity.Length;

    /// <summary>Openings per post.</summary>
    public int[] Capacity { get; }

    /// <summary>Row starts, length <see cref="SeekerCount"/> + 1.</summary>
    public int[] EdgeStart { get; }

    /// <summary>Post index of each edge.</summary>
    public int[] EdgePost { get; }

    /// <summary>Score of each edge in micro-points.</summary>
    public int[] EdgeScore { get; }

    /// <summary>Number of candidate pairs.</summary>
    public int EdgeCount => EdgePost.Length;

    /// <summary>Converts a score in [0, 1] to micro-points, rounding half away from zero.</summary>
    public static int ToMicro(double score) => (int)Math.Round(Math.Clamp(score, 0.0, 1.0) * ScoreScale, MidpointRounding.AwayFromZero);
}
