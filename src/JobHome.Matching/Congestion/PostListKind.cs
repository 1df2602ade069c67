namespace JobHome.Matching.Congestion;

/// <summary>How a person's post list is ordered.</summary>
public enum PostListKind
{
    /// <summary>By the linear score alone: the person's own top-K (普通列表).</summary>
    Plain,

    /// <summary>By the score minus the congestion penalty of each post (竞争感知列表); eligibility is unchanged.</summary>
    Aware,
}
