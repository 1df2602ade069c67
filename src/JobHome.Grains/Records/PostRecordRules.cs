using JobHome.Domain.Indicators;
using JobHome.Grains.Indicators;
using JobHome.Grains.Matching;
using JobHome.Grains.Posts;

namespace JobHome.Grains.Records;

/// <summary>
/// The one rule from a post's state to what it contributes: its indicator contribution and report, its free openings and
/// its record in the match index. The post grain, the recount reader, the bulk import and the match partition's rebuild
/// all use it.
/// </summary>
internal static class PostRecordRules
{
    /// <summary>The post's indicator contribution; nothing until opened.</summary>
    public static IndicatorContribution Contribution(PostState state) => state.Profile is { } p
        ? IndicatorContribution.Post(p.Openings, state.TakenBy.Count, state.Closed)
        : default;

    /// <summary>What the post reports to a recount: its site, outbox version and contribution.</summary>
    public static IndicatorSourceReport Report(PostState state) =>
        new(state.Profile?.SiteCode, state.Indicators.Version, Contribution(state));

    /// <summary>Openings not yet taken; none when the post is closed or not opened.</summary>
    public static int FreeOpenings(PostState state) => state.Profile is { } p && !state.Closed
        ? Math.Max(0, p.Openings - state.TakenBy.Count)
        : 0;

    /// <summary>
    /// The post's record in the match index; null when it has no free opening (a closed or full post is not matched),
    /// unless <paramref name="includeUnavailable"/> asks for it anyway. Null when not opened.
    /// </summary>
    public static PostMatchRecord? MatchRecord(string id, PostState state, bool includeUnavailable = false)
    {
        if (state.Profile is not { } p)
        {
            return null;
        }
        var free = FreeOpenings(state);
        return free > 0 || includeUnavailable
            ? new PostMatchRecord(id, p.EmployerCode, p.Occupation, free, p.PayMin, p.PayMax, p.Lat, p.Lon, p.Kind, p.MinEducation,
                p.AgeMin, p.AgeMax, p.Skills, state.Opened)
            : null;
    }
}
