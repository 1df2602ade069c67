using JobHome.Grains.Indicators;

namespace JobHome.Silo.Api.Indicators;

/// <summary>A site's indicators over its subtree on <c>asOf</c>; rates are fractions in [0, 1], null when their base is 0.</summary>
public sealed record IndicatorsResponse(
    string SiteCode,
    DateOnly AsOf,
    long Employed,
    long Unemployed,
    long LabourForce,
    double? EmploymentRate,
    double? RegisteredUnemploymentRate,
    long UnemployedOver3Months,
    long ZeroEmploymentHouseholds,
    long ZeroEmploymentHouseholdsOverdue,
    long OpenPosts,
    long Openings,
    long ActiveSeekers,
    double? PostsToSeekersRatio,
    long Placements,
    IndicatorTargets Targets)
{
    /// <summary>The response for an aggregator's view.</summary>
    internal static IndicatorsResponse From(IndicatorsView v) => new(v.SiteCode, v.AsOf, v.Employed, v.Unemployed, v.LabourForce,
        v.EmploymentRate, v.RegisteredUnemploymentRate, v.UnemployedOver3Months, v.ZeroEmploymentHouseholds,
        v.ZeroEmploymentHouseholdsOverdue,
        v.OpenPosts, v.Openings, v.ActiveSeekers, v.PostsToSeekersRatio, v.Placements,
        new IndicatorTargets(
            v.EmploymentRateTarget is { } target ? new IndicatorTarget(target, v.EmploymentRateTargetMet) : null,
            new IndicatorTarget(0, v.ZeroEmploymentHouseholdsOverdueTargetMet)));
}
