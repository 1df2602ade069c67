namespace JobHome.Matching.Assignment;

/// <summary>What an optimal fair assignment maximises.</summary>
public enum FairObjective
{
    /// <summary>Maximum total score.</summary>
    Score,

    /// <summary>Maximum number of seekers placed, then maximum total score among those assignments.</summary>
    Placements,
}
