namespace JobHome.Matching.Assignment;

/// <summary>How a fair assignment is computed.</summary>
public enum FairMode
{
    /// <summary>An exact optimum of the chosen <see cref="FairObjective"/>.</summary>
    Optimal,

    /// <summary>Seeker-proposing deferred acceptance with capacities: no blocking pair.</summary>
    Stable,
}
