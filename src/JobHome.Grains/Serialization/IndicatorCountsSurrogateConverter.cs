using JobHome.Domain.Indicators;

namespace JobHome.Grains.Serialization;

/// <summary>Lets <see cref="IndicatorCounts"/> travel between aggregators and live in their state.</summary>
[RegisterConverter]
public sealed class IndicatorCountsSurrogateConverter : IConverter<IndicatorCounts, IndicatorCountsSurrogate>
{
    /// <summary>Rebuilds the Domain counts.</summary>
    public IndicatorCounts ConvertFromSurrogate(in IndicatorCountsSurrogate surrogate)
    {
        var counts = new IndicatorCounts();
        if (surrogate.UnemployedDays is null && surrogate.ZeroEmploymentDays is null)
        {
            counts.Restore(surrogate.Employed, surrogate.OpenPosts, surrogate.Openings, surrogate.Placements,
                surrogate.UnemployedBySince ?? [], surrogate.ZeroEmploymentBySince ?? []);
            return counts;
        }
        counts.Restore(surrogate.Employed, surrogate.OpenPosts, surrogate.Openings, surrogate.Placements,
            surrogate.UnemployedDays, surrogate.UnemployedCounts, surrogate.ZeroEmploymentDays, surrogate.ZeroEmploymentCounts);
        return counts;
    }

    /// <summary>Copies the Domain counts into a surrogate.</summary>
    public IndicatorCountsSurrogate ConvertToSurrogate(in IndicatorCounts value) => new()
    {
        Employed = value.Employed,
        OpenPosts = value.OpenPosts,
        Openings = value.Openings,
        Placements = value.Placements,
        UnemployedDays = value.UnemployedBySince.DayNumbers.ToArray(),
        UnemployedCounts = value.UnemployedBySince.Counts.ToArray(),
        ZeroEmploymentDays = value.ZeroEmploymentBySince.DayNumbers.ToArray(),
        ZeroEmploymentCounts = value.ZeroEmploymentBySince.Counts.ToArray(),
    };
}
