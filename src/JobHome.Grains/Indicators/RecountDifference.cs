namespace JobHome.Grains.Indicators;

/// <summary>
/// One indicator on which a site's live aggregate and the recount from the records disagree. <see cref="Indicator"/> is
/// an indicator name as in the HTTP API (<c>employed</c>, <c>openings</c>, …) or, for the counts kept by status date,
/// <c>unemployedSince:yyyy-MM-dd</c> / <c>zeroEmploymentSince:yyyy-MM-dd</c>.
/// </summary>
public sealed record RecountDifference(string SiteCode, string Indicator, long Live, long Recounted);
