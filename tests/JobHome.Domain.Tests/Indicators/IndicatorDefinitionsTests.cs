using JobHome.Domain.Indicators;
using JobHome.Domain.People;

namespace JobHome.Domain.Tests.Indicators;

public sealed class IndicatorDefinitionsTests
{
    [Theory]
    [InlineData("2025-11-30", "2026-02-28", false)] // Nov 30 + 3 months = Feb 28: not yet over
    [InlineData("2025-11-30", "2026-03-01", true)]
    [InlineData("2026-01-15", "2026-04-15", false)] // exactly three months
    [InlineData("2026-01-15", "2026-04-16", true)]
    [InlineData("2027-11-30", "2028-02-29", false)] // leap year: Nov 30 + 3 months = Feb 29
    [InlineData("2027-11-30", "2028-03-01", true)]
    public void UnemployedOverThreeMonths_AroundTheBoundary_CountsOnlyAfterIt(string since, string today, bool expected)
    {
        Assert.Equal(expected, IndicatorDefinitions.UnemployedOverThreeMonths(DateOnly.Parse(since), DateOnly.Parse(today)));
        Assert.Equal(expected, DateOnly.Parse(today) >= IndicatorDefinitions.UnemployedOverThreeMonthsFrom(DateOnly.Parse(since)));
    }

    [Theory]
    [InlineData("2025-01-31", "2025-02-28", false)] // Jan 31 + 1 month = Feb 28
    [InlineData("2025-01-31", "2025-03-01", true)]
    [InlineData("2026-03-10", "2026-04-10", false)]
    [InlineData("2026-03-10", "2026-04-11", true)]
    [InlineData("2028-01-31", "2028-02-29", false)]
    [InlineData("2028-01-31", "2028-03-01", true)]
    public void ZeroEmploymentOverdue_AroundTheMonthBoundary_OverdueOnlyAfterIt(string since, string today, bool expected)
    {
        Assert.Equal(expected, IndicatorDefinitions.ZeroEmploymentOverdue(DateOnly.Parse(since), DateOnly.Parse(today)));
        Assert.Equal(expected, DateOnly.Parse(today) >= IndicatorDefinitions.ZeroEmploymentOverdueFrom(DateOnly.Parse(since)));
    }

    [Fact]
    public void ZeroEmploymentSince_BackDatedMembers_LatestLabourForceDateWhateverTheOrder()
    {
        (LabourStatus, DateOnly)[] members =
        [
            (LabourStatus.Unemployed, new DateOnly(2026, 2, 1)),
            (LabourStatus.NotInLabourForce, new DateOnly(2026, 3, 5)), // not in the labour force: its date does not count
            (LabourStatus.Unemployed, new DateOnly(2026, 1, 10)),      // back-dated, arrives last
        ];

        Assert.Equal(new DateOnly(2026, 2, 1), IndicatorDefinitions.ZeroEmploymentSince(members));
        Assert.Equal(new DateOnly(2026, 2, 1), IndicatorDefinitions.ZeroEmploymentSince(members.Reverse()));
    }

    [Fact]
    public void ZeroEmploymentSince_AnyMemberEmployedOrNobodyInLabourForce_Null()
    {
        Assert.Null(IndicatorDefinitions.ZeroEmploymentSince([(LabourStatus.Unemployed, new DateOnly(2026, 1, 1)),
            (LabourStatus.Employed, new DateOnly(2020, 1, 1))]));
        Assert.Null(IndicatorDefinitions.ZeroEmploymentSince([(LabourStatus.NotInLabourForce, new DateOnly(2026, 1, 1))]));
        Assert.Null(IndicatorDefinitions.ZeroEmploymentSince([]));
    }

    [Theory]
    [InlineData(5, 2, false, true, 3)]
    [InlineData(5, 5, false, false, 0)] // full
    [InlineData(5, 2, true, false, 0)]  // closed
    public void PostOpen_OpeningsTakenClosed_OpenAndOpenings(int openings, int taken, bool closed, bool open, int left)
    {
        Assert.Equal(open, IndicatorDefinitions.PostOpen(openings, taken, closed));
        Assert.Equal(left, IndicatorDefinitions.OpenOpenings(openings, taken, closed));
    }

    [Fact]
    public void Compute_DerivedKeyGroupsTypedIn_IgnoredAndDerived()
    {
        var typed = KeyGroups.Unemployed | KeyGroups.Youth16To24 | KeyGroups.ZeroEmploymentHousehold | KeyGroups.Disabled;
        var today = new DateOnly(2026, 3, 10);

        Assert.Equal(KeyGroups.Disabled, DerivedKeyGroups.Compute(typed, LabourStatus.Employed, new DateOnly(2004, 1, 1), false, today));
        Assert.Equal(KeyGroups.Disabled | KeyGroups.Unemployed | KeyGroups.Youth16To24,
            DerivedKeyGroups.Compute(typed, LabourStatus.Unemployed, new DateOnly(2001, 3, 11), false, today)); // 24 until tomorrow
        Assert.Equal(KeyGroups.Disabled | KeyGroups.Unemployed | KeyGroups.ZeroEmploymentHousehold,
            DerivedKeyGroups.Compute(typed, LabourStatus.Unemployed, new DateOnly(2001, 3, 10), true, today)); // 25 today
    }
}
