using JobHome.Domain.Indicators;
using JobHome.Grains.Indicators;
using JobHome.Grains.People;

namespace JobHome.Grains.Records;

/// <summary>
/// The one rule from a household's state to its indicator contribution and report, used by the household grain, the
/// recount reader and the bulk import alike.
/// </summary>
internal static class HouseholdRecordRules
{
    /// <summary>The household's indicator contribution (zero-employment from its stored date, if any).</summary>
    public static IndicatorContribution Contribution(HouseholdState state) =>
        IndicatorContribution.Household(state.ZeroEmploymentSince);

    /// <summary>What the household reports to a recount: its site, outbox version and contribution.</summary>
    public static IndicatorSourceReport Report(HouseholdState state) =>
        new(state.SiteCode, state.Indicators.Version, Contribution(state));
}
