namespace JobHome.Grains.Indicators;

/// <summary>
/// A site's indicators over itself and every site below it on <see cref="AsOf"/> (the server's date), with targets from
/// the seeds where one exists (null elsewhere). Rates are fractions in [0, 1], null when their base is zero.
/// </summary>
[GenerateSerializer, Immutable, Alias("jobhome.indicators-view")]
public sealed record IndicatorsView(
    [property: Id(0)] string SiteCode,
    [property: Id(1)] DateOnly AsOf,
    [property: Id(2)] long Employed,
    [property: Id(3)] long Unemployed,
    [property: Id(4)] long LabourForce,
    [property: Id(5)] double? EmploymentRate,
    [property: Id(6)] double? RegisteredUnemploymentRate,
    [property: Id(7)] long UnemployedOver3Months,
    [property: Id(8)] long ZeroEmploymentHouseholds,
    [property: Id(9)] long ZeroEmploymentHouseholdsOverdue,
    [property: Id(10)] long OpenPosts,
    [property: Id(11)] long Openings,
    [property: Id(12)] long ActiveSeekers,
    [property: Id(13)] double? PostsToSeekersRatio,
    [property: Id(14)] long Placements,
    [property: Id(15)] double? EmploymentRateTarget,
    [property: Id(16)] bool? EmploymentRateTargetMet,
    [property: Id(17)] bool ZeroEmploymentHouseholdsOverdueTargetMet);
