namespace JobHome.Domain.People;

/// <summary>Whole-year ages from dates (no clock: the date is always passed in).</summary>
public static class AgeCalculator
{
    /// <summary>Completed years from <paramref name="birth"/> to <paramref name="on"/> (negative if not yet born).</summary>
    public static int YearsBetween(DateOnly birth, DateOnly on)
    {
        var years = on.Year - birth.Year;
        if (on.Month < birth.Month || (on.Month == birth.Month && on.Day < birth.Day))
        {
            years--;
        }
        return years;
    }
}
