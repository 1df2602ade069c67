namespace JobHome.Domain.People;

/// <summary>
/// A household (家庭) at a site, as the demo data records it: members with whether each is employed and whether able
/// and willing to work. Whether it is a zero-employment household (零就业家庭) follows the one definition,
/// <see cref="Indicators.IndicatorDefinitions.ZeroEmploymentSince"/>: a member is in the labour force when employed, or
/// when able and willing to work and of legal working age (<see cref="WorkingAge.Minimum"/>+, no upper age band); the
/// overdue clock runs from the zero-employment date, which needs the members' status dates (the grains keep them).
/// </summary>
public sealed record Household(string Id, string SiteCode, IReadOnlyList<HouseholdMember> Members, DateOnly RegisteredOn)
{
    /// <summary>Highest age (inclusive) the demo generator gives a zero-employment household's members.</summary>
    public const int WorkingAgeMax = 59;

    /// <summary>Members in the labour force on <paramref name="asOf"/> (see <see cref="StatusOf"/>).</summary>
    public IEnumerable<HouseholdMember> LabourForce(DateOnly asOf) =>
        Members.Where(member => Indicators.IndicatorDefinitions.InLabourForce(StatusOf(member, asOf)));

    /// <summary>
    /// True when the household is zero-employment on <paramref name="asOf"/>: someone in the labour force, nobody
    /// employed.
    /// </summary>
    public bool IsZeroEmployment(DateOnly asOf) =>
        Indicators.IndicatorDefinitions.ZeroEmploymentSince(Members.Select(member => (StatusOf(member, asOf), asOf))) is not null;

    /// <summary>
    /// The labour status a member's flags stand for on <paramref name="asOf"/>: employed; else unemployed when able and
    /// willing to work and of legal working age; else not in the labour force.
    /// </summary>
    public static LabourStatus StatusOf(HouseholdMember member, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (member.Employed)
        {
            return LabourStatus.Employed;
        }
        return member.AbleToWork && member.WillingToWork && AgeCalculator.YearsBetween(member.BirthDate, asOf) >= WorkingAge.Minimum
            ? LabourStatus.Unemployed
            : LabourStatus.NotInLabourForce;
    }

    /// <inheritdoc />
    public override string ToString() => $"Household {Id} at {SiteCode}, {Members.Count} members, registered {RegisteredOn:yyyy-MM-dd}";
}
