using JobHome.Domain.Indicators;
using JobHome.Domain.People;
using JobHome.Grains.Indicators;
using JobHome.Grains.Matching;
using JobHome.Grains.People;

namespace JobHome.Grains.Records;

/// <summary>
/// The one rule from a seeker's state to what it contributes: its indicator contribution and report, and its record in
/// the match index. The seeker grain, the recount reader, the bulk import and the match partition's rebuild all use it,
/// so a bulk-loaded, a live and a recounted seeker count and match alike.
/// </summary>
internal static class SeekerRecordRules
{
    /// <summary>The seeker's indicator contribution; nothing until registered.</summary>
    public static IndicatorContribution Contribution(SeekerState state) => state.Registration is null
        ? default
        : IndicatorContribution.Person(state.Status, state.StatusSince, state.Placements.Count);

    /// <summary>What the seeker reports to a recount: its site, outbox version and contribution.</summary>
    public static IndicatorSourceReport Report(SeekerState state) =>
        new(state.Registration?.SiteCode, state.Indicators.Version, Contribution(state));

    /// <summary>
    /// The seeker's key groups as matching sees them on <paramref name="today"/> (supplied ones plus those derived from the
    /// status, the age and whether its household is zero-employment).
    /// </summary>
    public static KeyGroups KeyGroups(SeekerState state, bool zeroEmploymentHousehold, DateOnly today)
    {
        var r = Registered(state);
        return DerivedKeyGroups.Compute(r.KeyGroups, state.Status, r.BirthDate, zeroEmploymentHousehold, today);
    }

    /// <summary>The seeker's record in the match index, with its key groups computed as <see cref="KeyGroups"/> does.</summary>
    public static SeekerMatchRecord MatchRecord(string id, SeekerState state, bool zeroEmploymentHousehold, DateOnly today) =>
        MatchRecord(id, state, KeyGroups(state, zeroEmploymentHousehold, today));

    /// <summary>The seeker's record in the match index with key groups already computed (the grain caches them).</summary>
    public static SeekerMatchRecord MatchRecord(string id, SeekerState state, KeyGroups keyGroups)
    {
        var r = Registered(state);
        return new SeekerMatchRecord(id, r.BirthDate, r.Gender, r.Education, r.Occupations, r.Skills, r.ExpectedPayMin, r.Lat, r.Lon,
            r.Rural, r.Availability, keyGroups, PlacedWork.Of(state.Placements));
    }

    private static SeekerRegistration Registered(SeekerState state) =>
        state.Registration ?? throw new InvalidOperationException("A seeker that is not registered has no match record.");
}
