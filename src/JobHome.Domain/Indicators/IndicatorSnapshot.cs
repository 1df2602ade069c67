namespace JobHome.Domain.Indicators;

/// <summary>
/// The indicators of a site and every site below it on a date (issue 9). Rates are fractions in [0, 1], null when
/// their base is zero.
/// </summary>
public sealed record IndicatorSnapshot(
    string SiteCode,
    DateOnly AsOf,
    long Employed,
    long Unemployed,
    long UnemployedOver3Months,
    long ZeroEmploymentHouseholds,
    long ZeroEmploymentHouseholdsOverdue,
    long OpenPosts,
    long Openings,
    long Placements)
{
    /// <summary>Employed plus unemployed.</summary>
    public long LabourForce => Employed + Unemployed;

    /// <summary>Active seekers: the unemployed.</summary>
    public long ActiveSeekers => Unemployed;

    /// <summary>Employed ÷ labour force.</summary>
    public double? EmploymentRate => IndicatorDefinitions.Fraction(Employed, LabourForce);

    /// <summary>Unemployed ÷ labour force.</summary>
    public double? RegisteredUnemploymentRate => IndicatorDefinitions.Fraction(Unemployed, LabourForce);

    /// <summary>Openings ÷ active seekers (may exceed 1).</summary>
    public double? PostsToSeekersRatio => IndicatorDefinitions.Fraction(Openings, ActiveSeekers);

    /// <summary>The exact employment rate, for target checks without rounding.</summary>
    public Rate EmploymentRateExact => new(Employed, LabourForce);
}
