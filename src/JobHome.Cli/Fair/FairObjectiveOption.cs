namespace JobHome.Cli.Fair;

/// <summary>The <c>--objective</c> values.</summary>
internal enum FairObjectiveOption
{
    /// <summary><c>score</c>: maximise the total score.</summary>
    Score,
    /// <summary><c>placements</c>: maximise the number placed, then the score.</summary>
    Placements,
}
