using JobHome.Domain.People;

namespace JobHome.Matching.Scoring;

/// <summary>Per-query matching settings.</summary>
/// <param name="AsOf">Reference date for ages (the engine never reads a clock).</param>
/// <param name="MaxKm">Commute limit in km for rural seekers (and urban ones unless <paramref name="UrbanMaxKm"/> is set).
/// Default: 15.</param>
/// <param name="UrbanMaxKm">Commute limit in km for urban seekers; null = same as <paramref name="MaxKm"/>. Default: null.</param>
/// <param name="TopFactors">How many factors a recommendation explains. Default: 3.</param>
public sealed record MatchOptions(DateOnly AsOf, double MaxKm = 15, double? UrbanMaxKm = null, int TopFactors = 3)
{
    /// <summary>Key groups whose members get the full priority value 1.</summary>
    /// <remarks>Default: <see cref="KeyGroupTokens.PublicWelfareEligible"/>.</remarks>
    public KeyGroups PriorityGroups { get; init; } = KeyGroupTokens.PublicWelfareEligible;

    /// <summary>Priority value for a seeker in some key group but none of <see cref="PriorityGroups"/>. Default: 0.5.</summary>
    public double OtherKeyGroupPriority { get; init; } = 0.5;

    /// <summary>The commute limit that applies to a seeker.</summary>
    public double LimitKm(bool rural) => rural ? MaxKm : UrbanMaxKm ?? MaxKm;

    /// <summary>The larger of the two limits (search radius when the seeker is not known yet).</summary>
    public double SearchKm => Math.Max(MaxKm, UrbanMaxKm ?? MaxKm);

    /// <summary>Throws <see cref="ArgumentException"/> when a setting is out of range.</summary>
    public void Validate()
    {
        if (!double.IsFinite(MaxKm) || MaxKm <= 0)
        {
            throw new ArgumentException($"MaxKm must be a positive number of km, got {MaxKm}");
        }
        if (UrbanMaxKm is { } u && (!double.IsFinite(u) || u <= 0))
        {
            throw new ArgumentException($"UrbanMaxKm must be a positive number of km, got {u}");
        }
        if (TopFactors is < 0 or > FactorVector.Count)
        {
            throw new ArgumentException($"TopFactors must be 0–{FactorVector.Count}, got {TopFactors}");
        }
        if (!double.IsFinite(OtherKeyGroupPriority) || OtherKeyGroupPriority is < 0 or > 1)
        {
            throw new ArgumentException($"OtherKeyGroupPriority must be in [0, 1], got {OtherKeyGroupPriority}");
        }
    }
}
