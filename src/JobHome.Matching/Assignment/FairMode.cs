namespace JobHome.Matching.Assignment;

/// <summary>How a fair assignment is chosen.</summary>
public enum FairMode
{
    /// <summary>Exact optimum of the objective (min-cost assignment).</summary>
    Optimal,

    /// <summary>Seeker-proposing deferred acceptance: no blocking pair.</summary>
    Stable,
}
