namespace JobHome.Domain.Indicators;

/// <summary>
/// The indicators a site's counts by status date give for a past date (<see cref="IndicatorCounts.DatedAsOf"/>): the people
/// and households held now whose status began on or before it, and those of them over the three-month and one-month lines.
/// </summary>
public readonly record struct DatedIndicators(
    DateOnly Date,
    long Unemployed,
    long UnemployedOver3Months,
    long ZeroEmploymentHouseholds,
    long ZeroEmploymentHouseholdsOverdue);
