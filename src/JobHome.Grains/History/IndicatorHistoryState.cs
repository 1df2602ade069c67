namespace JobHome.Grains.History;

/// <summary>Stored state of <see cref="IndicatorHistoryGrain"/>: one point per day, by day number.</summary>
[GenerateSerializer, Alias("jobhome.indicator-history-state.v1")]
public sealed class IndicatorHistoryState
{
    /// <summary>Day number (<see cref="DateOnly.DayNumber"/>) → the day's point.</summary>
    [Id(0)]
    public Dictionary<int, IndicatorPoint> Days { get; set; } = [];
}
