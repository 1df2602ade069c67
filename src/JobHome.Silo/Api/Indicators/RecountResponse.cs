using JobHome.Domain.Indicators;

namespace JobHome.Silo.Api.Indicators;

/// <summary>The answer of a recount: <c>matches</c> is true when every site of the subtree equals its recount.</summary>
public sealed record RecountResponse(
    string SiteCode,
    bool Matches,
    bool Repaired,
    RecountCounts Live,
    RecountCounts Recounted,
    int Sites,
    long Records,
    long Corrected,
    RecountDifferenceResponse[] Differences);

/// <summary>One disagreement: the site, the indicator (or <c>unemployedSince:date</c> / <c>zeroEmploymentSince:date</c>) and both values.</summary>
public sealed record RecountDifferenceResponse(string SiteCode, string Indicator, long Live, long Recounted);

/// <summary>The counted indicators of a subtree on <c>asOf</c> (the rates follow from them).</summary>
public sealed record RecountCounts(
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
    /// <summary>The counts of <paramref name="counts"/> on <paramref name="today"/>.</summary>
    internal static RecountCounts From(IndicatorCounts counts, DateOnly today)
    {
        var s = counts.Snapshot(string.Empty, today);
        return new RecountCounts(today, s.Employed, s.Unemployed, s.UnemployedOver3Months, s.ZeroEmploymentHouseholds,
            s.ZeroEmploymentHouseholdsOverdue, s.OpenPosts, s.Openings, s.Placements);
    }
}
