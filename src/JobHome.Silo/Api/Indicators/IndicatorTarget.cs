namespace JobHome.Silo.Api.Indicators;

/// <summary>An indicator's target from the seeds and whether it is met (null when it cannot be judged).</summary>
public sealed record IndicatorTarget(double Target, bool? Met);
