namespace JobHome.Domain.People;

/// <summary>
/// A household (家庭) at a site, as the demo data records it: members with whether each is employed and whether able
/// and willing to work. Whether it is a zero-employment household (零就业家庭) follows the one definition,
/// <see cref="Indicators.IndicatorDefinitions.ZeroEmploymentSince"/>: a member able and willing to work is in the labour
/// force (employed or unemployed, whatever their age); the overdue clock runs from the zero-employment date, which
/// needs the members' status dates (the grains keep them).
/// </summary>
public sealed record Household(string Id, string SiteCode, IReadOnlyList<HouseholdMember> Members, DateOnly RegisteredOn)
{
    /// <summary>Lowest working age in years (the demo generator's age range).</summary>
    public const int WorkingAgeMin = 16;

    /// <summary>Highest working age in years (inclusive; the demo generator's age range).</summary>
    public const int WorkingAgeMax = 59;

    /// <summary>True when the household is zero-employment on <paramref name="asOf"/>: someone in the labour force, nobody employed.</summary>
    public bool IsZeroEmployment(DateOnly asOf) =>
        Indicators.IndicatorDefinitions.ZeroEmploymentSince(Members.Select(m => (StatusOf(m, asOf), asOf))) is not null;

    /// <summary>
    /// The labour status a member's flags stand for on <paramref name="asOf"/>: employed; else unemployed when able and
    /// willing to work and of legal working age (16+, 法定劳动年龄); else not in the labour force.
    /// </summary>
    public static LabourStatus StatusOf(HouseholdMember member, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(member);
        return member.Employed ? LabourStatus.Employed
            : member.AbleToWork && member.WillingToWork && AgeCalculator.YearsBetween(member.BirthDate, asOf) >= WorkingAgeMin ? LabourStatus.Unemployed
            : LabourStatus.NotInLabourForce;
    }

    /// <inheritdoc />
    public override string ToString() => $"Household {Id} at {SiteCode}, {Members.Count} members, registered {RegisteredOn:yyyy-MM-dd}";
}
