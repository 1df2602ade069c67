namespace JobHome.Domain.People;

/// <summary>The age rules every record shares: the legal working age and the oldest plausible age, written once.</summary>
public static class WorkingAge
{
    /// <summary>Legal working age in years (法定劳动年龄): seekers and post age limits are at least this.</summary>
    public const int Minimum = 16;

    /// <summary>Oldest age in years a birth date or a post's age limit may give.</summary>
    public const int Oldest = 120;

    /// <summary>The rule as shown in validation errors.</summary>
    public const string Rule = "legal working age (法定劳动年龄, 16+) and at most 120 years";

    /// <summary>True when <paramref name="years"/> lies within <see cref="Minimum"/>…<see cref="Oldest"/>.</summary>
    public static bool IsWithin(int years) => years is >= Minimum and <= Oldest;
}
