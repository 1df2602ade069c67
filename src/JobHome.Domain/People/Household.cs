namespace JobHome.Domain.People;

/// <summary>
/// A household (家庭) at a site. A zero-employment household (零就业家庭) has at least one working-age member able and
/// willing to work and none of those is employed. Working age here is <see cref="WorkingAge.Minimum"/>–59 inclusive (法定劳动年龄 used for the
/// demo;
/// pass another range if local rules differ). Registered households must be cleared within one month (seed 002).
/// </summary>
public sealed record Household(string Id, string SiteCode, IReadOnlyList<HouseholdMember> Members, DateOnly RegisteredOn)
{
    /// <summary>Highest working age in years (inclusive).</summary>
    public const int WorkingAgeMax = 59;

    /// <summary>Members of working age on <paramref name="asOf"/> who are able and willing to work.</summary>
    public IEnumerable<HouseholdMember> LabourForce(DateOnly asOf) =>
        Members.Where(member => member.AbleToWork && member.WillingToWork
            && AgeCalculator.YearsBetween(member.BirthDate, asOf) is >= WorkingAge.Minimum and <= WorkingAgeMax);

    /// <summary>True when the household is zero-employment on <paramref name="asOf"/>.</summary>
    public bool IsZeroEmployment(DateOnly asOf)
    {
        var any = false;
        foreach (var member in LabourForce(asOf))
        {
            if (member.Employed)
            {
                return false;
            }
            any = true;
        }
        return any;
    }

    /// <summary>True when zero-employment on <paramref name="asOf"/> and registered more than one calendar month before it.</summary>
    public bool IsZeroEmploymentOlderThanOneMonth(DateOnly asOf) => IsZeroEmployment(asOf) && asOf > RegisteredOn.AddMonths(1);

    /// <inheritdoc />
    public override string ToString() => $"Household {Id} at {SiteCode}, {Members.Count} members, registered {RegisteredOn:yyyy-MM-dd}";
}
