namespace JobHome.Tests.Shared;

/// <summary>
/// Counts by status date kept the plain way, in a sorted dictionary with zeros dropped: the oracle of the
/// <c>DateCounts</c> tests and the by-date half of the indicator benchmarks' baseline (<c>SortedDictionaryCounts</c>).
/// </summary>
internal static class ByDateCounts
{
    /// <summary>Adds <paramref name="delta"/> to the count of <paramref name="date"/>; a count that reaches zero is removed.</summary>
    public static void Bump(SortedDictionary<DateOnly, long> byDate, DateOnly date, long delta)
    {
        var n = byDate.GetValueOrDefault(date) + delta;
        if (n == 0)
        {
            byDate.Remove(date);
        }
        else
        {
            byDate[date] = n;
        }
    }
}
