using JobHome.Domain.Indicators;

namespace JobHome.Grains.Serialization;

/// <summary>Lets <see cref="IndicatorContribution"/> travel on streams and live in grain state.</summary>
[RegisterConverter]
public sealed class IndicatorContributionSurrogateConverter : IConverter<IndicatorContribution, IndicatorContributionSurrogate>
{
    /// <summary>Rebuilds the Domain value.</summary>
    public IndicatorContribution ConvertFromSurrogate(in IndicatorContributionSurrogate surrogate) => new()
    {
        Employed = surrogate.Employed,
        UnemployedSince = surrogate.UnemployedSince,
        ZeroEmploymentSince = surrogate.ZeroEmploymentSince,
        OpenPosts = surrogate.OpenPosts,
        Openings = surrogate.Openings,
        Placements = surrogate.Placements,
    };

    /// <summary>Copies the Domain value into its surrogate.</summary>
    public IndicatorContributionSurrogate ConvertToSurrogate(in IndicatorContribution value) =>
        new(value.Employed, value.UnemployedSince, value.ZeroEmploymentSince, value.OpenPosts, value.Openings, value.Placements);
}
