namespace JobHome.Ranking.Rerank;

/// <summary>How outcomes are split into training and held-out parts.</summary>
public enum SplitKind
{
    /// <summary>The last 20 % of rows by date are held out (no list is split).</summary>
    Time,

    /// <summary>One seeker in five (by a stable hash of the id) is held out.</summary>
    Seeker,
}
