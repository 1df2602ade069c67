namespace JobHome.Matching.Assignment;

/// <summary>The bipartite candidate graph of a fair in compressed sparse rows, scores in integer micro-points.</summary>
/// <remarks>
/// Seeker <c>s</c>'s edges are <c>EdgeStart[s] .. EdgeStart[s+1]-1</c>; each edge names a post and carries the pair's
/// score in integer micro-points (score × 1,000,000, 0..1,000,000) so that solvers maximise exact integer sums.
/// Checked once when built and read-only afterwards (the arrays are copied in and handed out as read-only spans),
/// so solvers trust its shape without checking it again.
/// </remarks>
public sealed class CandidateGraph
{
    /// <summary>Score scale: one point of score equals this many micro-points.</summary>
    public const int ScoreScale = 1_000_000;

    private readonly int[] _capacity;
    private readonly int[] _edgeStart;
    private readonly int[] _edgePost;
    private readonly int[] _edgeScore;

    /// <summary>Creates a graph from copies of the arrays; <see cref="ArgumentException"/> when they do not form a graph.</summary>
    public CandidateGraph(int seekerCount, int[] capacity, int[] edgeStart, int[] edgePost, int[] edgeScore)
        : this(seekerCount, (Copy(capacity, nameof(capacity)), Copy(edgeStart, nameof(edgeStart)),
            Copy(edgePost, nameof(edgePost)), Copy(edgeScore, nameof(edgeScore))))
    {
    }

    // Takes ownership of the arrays: whoever passes them must not keep or change them.
    private CandidateGraph(int seekerCount, (int[] Capacity, int[] EdgeStart, int[] EdgePost, int[] EdgeScore) arrays)
    {
        Validate(seekerCount, arrays.Capacity, arrays.EdgeStart, arrays.EdgePost, arrays.EdgeScore);
        SeekerCount = seekerCount;
        (_capacity, _edgeStart, _edgePost, _edgeScore) = arrays;
    }

    /// <summary>Number of seekers (rows).</summary>
    public int SeekerCount { get; }

    /// <summary>Number of posts.</summary>
    public int PostCount => _capacity.Length;

    /// <summary>Openings per post.</summary>
    public ReadOnlySpan<int> Capacity => _capacity;

    /// <summary>Row starts, length <see cref="SeekerCount"/> + 1.</summary>
    public ReadOnlySpan<int> EdgeStart => _edgeStart;

    /// <summary>Post index of each edge.</summary>
    public ReadOnlySpan<int> EdgePost => _edgePost;

    /// <summary>Score of each edge in micro-points.</summary>
    public ReadOnlySpan<int> EdgeScore => _edgeScore;

    /// <summary>Number of candidate pairs.</summary>
    public int EdgeCount => _edgePost.Length;

    /// <summary>The arrays behind the spans, for solvers in this assembly (never written).</summary>
    internal (int[] Capacity, int[] EdgeStart, int[] EdgePost, int[] EdgeScore) Arrays => (_capacity, _edgeStart, _edgePost, _edgeScore);

    /// <summary>Converts a score in [0, 1] to micro-points, rounding half away from zero.</summary>
    public static int ToMicro(double score) => (int)Math.Round(Math.Clamp(score, 0.0, 1.0) * ScoreScale, MidpointRounding.AwayFromZero);

    /// <summary>A graph over arrays built in this assembly, which hands them over (checked, not copied).</summary>
    internal static CandidateGraph FromOwned(int seekerCount, int[] capacity, int[] edgeStart, int[] edgePost, int[] edgeScore) =>
        new(seekerCount, (capacity, edgeStart, edgePost, edgeScore));

    private static int[] Copy(int[] values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        return (int[])values.Clone();
    }

    private static void Validate(int seekerCount, int[] capacity, int[] edgeStart, int[] edgePost, int[] edgeScore)
    {
        if (seekerCount < 0 || edgeStart.Length != seekerCount + 1 || edgeStart[0] != 0 || edgeStart[seekerCount] != edgePost.Length
            || edgePost.Length != edgeScore.Length)
        {
            throw new ArgumentException("edge arrays do not match the seeker count");
        }
        for (var s = 0; s < seekerCount; s++)
        {
            if (edgeStart[s + 1] < edgeStart[s])
            {
                throw new ArgumentException($"edge starts decrease at seeker {s}", nameof(edgeStart));
            }
        }
        var posts = capacity.Length;
        for (var e = 0; e < edgePost.Length; e++)
        {
            if ((uint)edgePost[e] >= (uint)posts)
            {
                throw new ArgumentException($"edge {e} names post {edgePost[e]} outside 0..{posts - 1}", nameof(edgePost));
            }
            if ((uint)edgeScore[e] > ScoreScale)
            {
                throw new ArgumentException($"edge {e} has score {edgeScore[e]} outside 0..{ScoreScale}", nameof(edgeScore));
            }
        }
        foreach (var openings in capacity)
        {
            if (openings < 0)
            {
                throw new ArgumentException("capacities must not be negative", nameof(capacity));
            }
        }
    }
}
