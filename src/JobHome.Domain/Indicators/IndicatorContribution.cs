using JobHome.Domain.People;

namespace JobHome.Domain.Indicators;

/// <summary>
/// What one record (a person, a household or a post) adds to its site's indicator counts. A change of a record is
/// "remove its old contribution, add its new one", so counts kept from contributions always equal a recount.
/// Dates are kept, not derived flags: "over three months" and "overdue" are read from the dates on the day asked.
/// </summary>
public readonly record struct IndicatorContribution
{
    /// <summary>1 for an employed person.</summary>
    public int Employed { get; init; }

    /// <summary>The date an unemployed person's unemployment began, null otherwise.</summary>
    public DateOnly? UnemployedSince { get; init; }

    /// <summary>The zero-employment date of a zero-employment household, null otherwise.</summary>
    public DateOnly? ZeroEmploymentSince { get; init; }

    /// <summary>1 for an open post (neither closed nor full).</summary>
    public int OpenPosts { get; init; }

    /// <summary>Openings of an open post not yet taken.</summary>
    public int Openings { get; init; }

    /// <summary>Placements made of a person (cumulative: ending one does not take it back).</summary>
    public int Placements { get; init; }

    /// <summary>
    /// A person with labour status <paramref name="status"/> since <paramref name="since"/> and
    /// <paramref name="placements"/> placements made.
    /// </summary>
    public static IndicatorContribution Person(LabourStatus status, DateOnly since, int placements) => new()
    {
        Employed = status == LabourStatus.Employed ? 1 : 0,
        UnemployedSince = status == LabourStatus.Unemployed ? since : null,
        Placements = placements,
    };

    /// <summary>A household with the given zero-employment date (null when not zero-employment).</summary>
    public static IndicatorContribution Household(DateOnly? zeroEmploymentSince) => new() { ZeroEmploymentSince = zeroEmploymentSince };

    /// <summary>A post with <paramref name="openings"/>, <paramref name="taken"/> of them taken, maybe closed.</summary>
    public static IndicatorContribution Post(int openings, int taken, bool closed) => new()
    {
        OpenPosts = IndicatorDefinitions.PostOpen(openings, taken, closed) ? 1 : 0,
        Openings = IndicatorDefinitions.OpenOpenings(openings, taken, closed),
    };
}
