namespace JobHome.Grains.History;

/// <summary>
/// Daily indicator points of one site's subtree (keyed by site code), for charts. Once started it records the live value
/// every <see cref="IndicatorHistoryGrain.Period"/> on a durable reminder, so the last point of each day is the day's value.
/// </summary>
[Alias("jobhome.IIndicatorHistoryGrain")]
public interface IIndicatorHistoryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records today's point now (filling any days since the last point that had none: <see cref="IndicatorPoint.Backfilled"/>),
    /// makes sure the recording reminder runs, and returns every point, oldest first.
    /// </summary>
    [Alias("RecordAndGet")]
    Task<IndicatorPoint[]> RecordAndGetAsync();
}
