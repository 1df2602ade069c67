using JobHome.Domain.People;

namespace JobHome.Domain.Indicators;

/// <summary>
/// The one definition of each date- and state-dependent indicator rule (issue 9). Everything that counts, the grains,
/// the aggregates and the recount, asks here.
/// </summary>
public static class IndicatorDefinitions
{
    /// <summary>In the labour force (劳动力): employed or unemployed.</summary>
    public static bool InLabourForce(LabourStatus status) => status is LabourStatus.Employed or LabourStatus.Unemployed;

    /// <summary>Unemployed over three months on <paramref name="today"/>: the status began on d with d + 3 months &lt; today.</summary>
    public static bool UnemployedOverThreeMonths(DateOnly since, DateOnly today) => since.AddMonths(3) < today;

    /// <summary>The first day on which an unemployment that began on <paramref name="since"/> counts as over three months.</summary>
    public static DateOnly UnemployedOverThreeMonthsFrom(DateOnly since) => since.AddMonths(3).AddDays(1);

    /// <summary>
    /// A household's zero-employment date, or null when it is not zero-employment: it has at least one member in the
    /// labour force and none employed; the date is the latest status date among its labour-force members (the day the
    /// last of them became unemployed), computed from the members' dates whatever order the changes arrived in.
    /// </summary>
    public static DateOnly? ZeroEmploymentSince(IEnumerable<(LabourStatus Status, DateOnly Since)> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        DateOnly? latest = null;
        foreach (var (status, since) in members)
        {
            if (status == LabourStatus.Employed)
            {
                return null;
            }
            if (status == LabourStatus.Unemployed && (latest is null || since > latest))
            {
                latest = since;
            }
        }
        return latest;
    }

    /// <summary>Zero-employment overdue on <paramref name="today"/>: zero-employment date + 1 month &lt; today.</summary>
    public static bool ZeroEmploymentOverdue(DateOnly zeroEmploymentSince, DateOnly today) => zeroEmploymentSince.AddMonths(1) < today;

    /// <summary>The first day on which a household zero-employment since <paramref name="since"/> is overdue.</summary>
    public static DateOnly ZeroEmploymentOverdueFrom(DateOnly since) => since.AddMonths(1).AddDays(1);

    /// <summary>A post counts as open when it is neither closed nor full (all openings taken).</summary>
    public static bool PostOpen(int openings, int taken, bool closed) => !closed && taken < openings;

    /// <summary>Openings of an open post not yet taken by a placement (ending a placement does not give one back).</summary>
    public static int OpenOpenings(int openings, int taken, bool closed) => PostOpen(openings, taken, closed) ? openings - taken : 0;

    /// <summary>A fraction in [0, 1], or null when the base is zero.</summary>
    public static double? Fraction(long part, long whole) => whole == 0 ? null : (double)part / whole;
}
