namespace JobHome.Domain.Indicators;

/// <summary>
/// One line of the Yichun sheet: number, Chinese and English name, maximum points, and the points computed or null when manual input is
/// needed.
/// </summary>
public sealed record ScorecardPart(int Number, string Chinese, string English, int MaxPoints, decimal? Points, string Note)
{
    /// <summary>True when the software cannot score this line from its data.</summary>
    public bool NeedsManualInput => Points is null;
}
