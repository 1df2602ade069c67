using System.Runtime.CompilerServices;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;

namespace JobHome.Matching.Scoring;

/// <summary>
/// The factor curves and hard-filter primitives, shared by <see cref="Scorer"/> and the index so that both
/// compute bit-identical values.
/// </summary>
internal static class FactorCurves
{
    /// <summary>Occupation value by shared depth: none 0, major 0.25, intermediate 0.5, minor 0.75, unit group 1.</summary>
    public static ReadOnlySpan<double> OccupationByDepth => [0.0, 0.25, 0.5, 0.75, 1.0];

    /// <summary>Pay fit when the expectation sits at the top of the offered range.</summary>
    public const double PayAtMax = 0.5;

    /// <summary>Pay fit reaches 0 when the expectation exceeds the offered maximum by this fraction of it.</summary>
    public const double PayOverMaxSpan = 0.5;

    /// <summary>Best occupation value between a post code and any intention (deepest shared level).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Occupation(OccupationCode post, ReadOnlySpan<OccupationCode> intentions)
    {
        var best = 0;
        foreach (var code in intentions)
        {
            var d = code.SharedDepth(post);
            if (d > best)
            {
                best = d;
            }
        }
        return OccupationByDepth[best];
    }

    /// <summary>As <see cref="Occupation(OccupationCode, ReadOnlySpan{OccupationCode})"/> over any list, without copying it.</summary>
    public static double OccupationOfList(OccupationCode post, IReadOnlyList<OccupationCode> intentions)
    {
        if (intentions is OccupationCode[] array)
        {
            return Occupation(post, array);
        }
        var best = 0;
        for (var i = 0; i < intentions.Count; i++)
        {
            best = Math.Max(best, intentions[i].SharedDepth(post));
        }
        return OccupationByDepth[best];
    }

    /// <summary>Fraction of required skills covered; 1 when nothing is required.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Skills(int matched, int required) => required == 0 ? 1.0 : (double)matched / required;

    /// <summary>
    /// Pay fit: 1 when the expected minimum is at most the offered minimum; falling linearly to 0.5 at the
    /// offered maximum; then linearly to 0 at 1.5 × the offered maximum.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Pay(double expected, double offeredMin, double offeredMax)
    {
        offeredMax = Math.Max(offeredMin, offeredMax);
        if (expected <= offeredMin)
        {
            return 1.0;
        }
        if (expected <= offeredMax)
        {
            return 1.0 - (PayAtMax * (expected - offeredMin) / (offeredMax - offeredMin));
        }
        if (offeredMax <= 0)
        {
            return 0.0;
        }
        var over = (expected - offeredMax) / (PayOverMaxSpan * offeredMax);
        return over >= 1.0 ? 0.0 : PayAtMax * (1.0 - over);
    }

    /// <summary>Distance decay: 1 − km / limit, linear from 1 at the door to 0 at the commute limit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Distance(double km, double limitKm) => km >= limitKm ? 0.0 : 1.0 - (km / limitKm);

    /// <summary>Priority: 1 in any of the priority groups, <paramref name="other"/> in any other key group, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Priority(KeyGroups groups, KeyGroups priorityGroups, double other) =>
        (groups & priorityGroups) != 0 ? 1.0 : groups != KeyGroups.None ? other : 0.0;

    /// <summary>Birth date packed as <c>year × 512 + month × 32 + day</c>.</summary>
    public static int PackDate(DateOnly date) => (date.Year * 512) + (date.Month * 32) + date.Day;

    /// <summary>
    /// Whole years between packed dates: the year difference, minus one when the month-day of the reference
    /// precedes the birthday's; a 29 February birthday therefore counts on 1 March in common years.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int AgeYears(int packedBirth, int packedAsOf) =>
        (packedAsOf >> 9) - (packedBirth >> 9) - ((packedAsOf & 511) < (packedBirth & 511) ? 1 : 0);

    /// <summary>Age in whole years on <paramref name="asOf"/>.</summary>
    public static int AgeYears(DateOnly birth, DateOnly asOf) => AgeYears(PackDate(birth), PackDate(asOf));
}
