using JobHome.Domain.Indicators;

namespace JobHome.Grains.Indicators;

/// <summary>What a subtree recount found (see <see cref="SubtreeRecount"/>).</summary>
/// <param name="SiteCode">The subtree's root site.</param>
/// <param name="Matches">True when every site of the subtree equals its recount.</param>
/// <param name="Live">The root aggregator's subtree counts (after the repair, when one ran).</param>
/// <param name="Recounted">The root's subtree counts recounted from the records.</param>
/// <param name="Sites">Sites in the subtree.</param>
/// <param name="Records">Records asked (indexed or held by an aggregator; a record is asked once per site listing it).</param>
/// <param name="Corrected">Aggregator entries the repair corrected (0 without a repair).</param>
/// <param name="Differences">Every disagreement, per site (empty when <paramref name="Matches"/>).</param>
public sealed record SubtreeRecountReport(
    string SiteCode,
    bool Matches,
    IndicatorCounts Live,
    IndicatorCounts Recounted,
    int Sites,
    long Records,
    long Corrected,
    IReadOnlyList<RecountDifference> Differences);
