namespace JobHome.Grains.Serialization;

/// <summary>The wire and storage form of the Domain's <see cref="JobHome.Domain.Indicators.IndicatorContribution"/>.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.indicator-contribution")]
public readonly record struct IndicatorContributionSurrogate(
    [property: Id(0)] int Employed,
    [property: Id(1)] DateOnly? UnemployedSince,
    [property: Id(2)] DateOnly? ZeroEmploymentSince,
    [property: Id(3)] int OpenPosts,
    [property: Id(4)] int Openings,
    [property: Id(5)] int Placements);
