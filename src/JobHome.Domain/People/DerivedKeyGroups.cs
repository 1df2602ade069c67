namespace JobHome.Domain.People;

/// <summary>
/// The key groups that follow from other facts and are never typed in: <c>unemployed</c> (labour status),
/// <c>youth_16_24</c> (unemployed and aged 16–24) and <c>zero_employment_household</c> (the household's state).
/// Supplied values of these flags are ignored; the other flags are kept as supplied.
/// </summary>
public static class DerivedKeyGroups
{
    /// <summary>The flags computed here.</summary>
    public const KeyGroups Derived = KeyGroups.Unemployed | KeyGroups.Youth16To24 | KeyGroups.ZeroEmploymentHousehold;

    /// <summary>Youngest age of the youth group.</summary>
    public const int YouthMinAge = 16;

    /// <summary>Oldest age of the youth group (inclusive).</summary>
    public const int YouthMaxAge = 24;

    /// <summary>Drops the derived flags from typed-in groups.</summary>
    public static KeyGroups Supplied(KeyGroups typedIn) => typedIn & ~Derived;

    /// <summary>The effective groups on <paramref name="asOf"/>: the supplied flags plus the derived ones.</summary>
    public static KeyGroups Compute(KeyGroups supplied, LabourStatus status, DateOnly birthDate, bool zeroEmploymentHousehold,
        DateOnly asOf)
    {
        var groups = Supplied(supplied);
        if (status == LabourStatus.Unemployed)
        {
            groups |= KeyGroups.Unemployed;
            if (AgeCalculator.YearsBetween(birthDate, asOf) is >= YouthMinAge and <= YouthMaxAge)
            {
                groups |= KeyGroups.Youth16To24;
            }
        }
        if (zeroEmploymentHousehold)
        {
            groups |= KeyGroups.ZeroEmploymentHousehold;
        }
        return groups;
    }
}
