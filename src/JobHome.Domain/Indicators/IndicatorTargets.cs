namespace JobHome.Domain.Indicators;

/// <summary>
/// Targets from the seeds where one exists for a site: the employment rate of a village/community or township
/// (seed 004 item 9, by creation level) and zero overdue zero-employment households (动态清零, seed 002); null elsewhere.
/// </summary>
public sealed record IndicatorTargets(double? EmploymentRate, bool? EmploymentRateMet, long ZeroEmploymentHouseholdsOverdue,
    bool ZeroEmploymentHouseholdsOverdueMet)
{
    /// <summary>
    /// The targets of <paramref name="snapshot"/> for a site of <paramref name="unit"/> (null: no employment-rate
    /// target) at <paramref name="level"/>.
    /// </summary>
    public static IndicatorTargets For(IndicatorSnapshot snapshot, CreationUnit? unit, CreationLevel level)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        double? target = null;
        bool? met = null;
        if (unit is { } u)
        {
            var percent = EmploymentIndicators.EmploymentTargetPercent(level, u);
            target = percent / 100.0;
            met = snapshot.EmploymentRateExact.IsDefined ? snapshot.EmploymentRateExact.IsAtLeastPercent(percent) : null;
        }
        return new IndicatorTargets(target, met, 0, snapshot.ZeroEmploymentHouseholdsOverdue == 0);
    }
}
