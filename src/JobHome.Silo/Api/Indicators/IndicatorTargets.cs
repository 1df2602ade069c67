namespace JobHome.Silo.Api.Indicators;

/// <summary>
/// The targets the seeds set for a site: the employment rate of villages/communities and townships (by creation level;
/// null for other kinds) and zero overdue zero-employment households (动态清零). Other indicators have no target.
/// </summary>
public sealed record IndicatorTargets(IndicatorTarget? EmploymentRate, IndicatorTarget ZeroEmploymentHouseholdsOverdue);
