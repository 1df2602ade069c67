namespace JobHome.Cli.Recount;

/// <summary>The body of <c>POST /api/indicators/{site}/recount</c> (see docs/api.md).</summary>
internal sealed record RecountAnswer(
    string SiteCode,
    bool Matches,
    bool Repaired,
    RecountCountsAnswer Live,
    RecountCountsAnswer Recounted,
    int Sites,
    long Records,
    long Corrected,
    RecountDifferenceAnswer[] Differences);

/// <summary>The counted indicators of one side of a recount.</summary>
internal sealed record RecountCountsAnswer(
    DateOnly AsOf,
    long Employed,
    long Unemployed,
    long UnemployedOver3Months,
    long ZeroEmploymentHouseholds,
    long ZeroEmploymentHouseholdsOverdue,
    long OpenPosts,
    long Openings,
    long Placements);

/// <summary>One difference found by a recount.</summary>
internal sealed record RecountDifferenceAnswer(string SiteCode, string Indicator, long Live, long Recounted);
