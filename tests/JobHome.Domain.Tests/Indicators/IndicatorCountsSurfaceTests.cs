using System.Reflection;
using JobHome.Domain.Indicators;
using JobHome.Domain.People;

namespace JobHome.Domain.Tests.Indicators;

/// <summary>
/// The counts by status date are read-only outside the Domain (only <see cref="IndicatorCounts"/> changes them), and a
/// past day's by-date indicators come from them.
/// </summary>
public sealed class IndicatorCountsSurfaceTests
{
    [Fact]
    public void DateCounts_PublicSurface_HasNoMutatorAndNoConstructor()
    {
        var type = typeof(DateCounts);
        var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName).Select(m => m.Name).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(["ContainsKey", "Equals", "GetEnumerator", "GetHashCode", "Total", "TotalThrough", "TotalWhileOlder",
            "TryGetValue"], methods);
        Assert.Empty(type.GetConstructors());
        Assert.All(type.GetProperties(BindingFlags.Public | BindingFlags.Instance), p => Assert.Null(p.SetMethod));
        Assert.All(typeof(IndicatorCounts).GetProperties().Where(p => p.PropertyType == type), p => Assert.Null(p.SetMethod));
    }

    [Fact]
    public void DatedAsOf_PastDays_CountsStatusesBegunByThenAndTheirLines()
    {
        var counts = new IndicatorCounts();
        var early = new DateOnly(2026, 1, 10);
        counts.Apply(IndicatorContribution.Person(LabourStatus.Unemployed, early, 0));
        counts.Apply(IndicatorContribution.Person(LabourStatus.Unemployed, new DateOnly(2026, 4, 20), 0));
        counts.Apply(IndicatorContribution.Person(LabourStatus.Employed, early, 0));
        counts.Apply(IndicatorContribution.Household(early));

        // 2026-04-10: the first unemployment is exactly on its three-month line; the household is a month past it.
        Assert.Equal(new DatedIndicators(new DateOnly(2026, 4, 10), 1, 0, 1, 1), counts.DatedAsOf(new DateOnly(2026, 4, 10)));
        Assert.Equal(new DatedIndicators(new DateOnly(2026, 4, 11), 1, 1, 1, 1), counts.DatedAsOf(new DateOnly(2026, 4, 11)));
        Assert.Equal(new DatedIndicators(new DateOnly(2026, 4, 20), 2, 1, 1, 1), counts.DatedAsOf(new DateOnly(2026, 4, 20)));
        Assert.Equal(new DatedIndicators(new DateOnly(2026, 1, 9), 0, 0, 0, 0), counts.DatedAsOf(new DateOnly(2026, 1, 9)));
        var today = counts.Snapshot("V", new DateOnly(2026, 4, 20));
        var dated = counts.DatedAsOf(new DateOnly(2026, 4, 20));
        Assert.Equal((today.Unemployed, today.UnemployedOver3Months, today.ZeroEmploymentHouseholds,
            today.ZeroEmploymentHouseholdsOverdue), (dated.Unemployed, dated.UnemployedOver3Months,
            dated.ZeroEmploymentHouseholds, dated.ZeroEmploymentHouseholdsOverdue));
    }
}
