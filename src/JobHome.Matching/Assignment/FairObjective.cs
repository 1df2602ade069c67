namespace JobHome.Matching.Assignment;

/// <summary>What an optimal fair assignment maximises.</summary>
public enum FairObjective
{
    /// <summary>The maximum total score; seekers may stay unplaced.</summary>
    Score,

    /// <summary>The maximum number placed, then among those the maximum total score.</summary>
    Placements,
}
