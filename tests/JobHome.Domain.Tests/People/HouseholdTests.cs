using JobHome.Domain.Indicators;
using JobHome.Domain.People;

namespace JobHome.Domain.Tests.People;

public sealed class HouseholdTests
{
    private static readonly DateOnly AsOf = new(2025, 3, 1);

    private static HouseholdMember M(string id, int age, bool employed, bool able = true, bool willing = true) =>
        new(id, AsOf.AddYears(-age), able, willing, employed);

    [Fact]
    public void IsZeroEmployment_OnlyUnemployedInLabourForce_True()
    {
        var h = new Household("H1", "X", [M("a", 30, false), M("b", 70, false, willing: false)], AsOf);
        Assert.True(h.IsZeroEmployment(AsOf));
    }

    [Fact]
    public void IsZeroEmployment_EmployedMemberOfAnyAge_False()
    {
        // The labour force is by status, not by an age band: an employed 70-year-old is employed.
        var h = new Household("H1", "X", [M("a", 30, false), M("b", 70, true)], AsOf);
        Assert.False(h.IsZeroEmployment(AsOf));
    }

    [Fact]
    public void IsZeroEmployment_OneMemberEmployed_False()
    {
        var h = new Household("H1", "X", [M("a", 30, false), M("b", 40, true)], AsOf);
        Assert.False(h.IsZeroEmployment(AsOf));
    }

    [Fact]
    public void IsZeroEmployment_NobodyAbleAndWilling_False()
    {
        var h = new Household("H1", "X", [M("a", 30, false, able: false), M("b", 40, false, willing: false), M("c", 15, false)], AsOf);
        Assert.False(h.IsZeroEmployment(AsOf));
    }

    [Fact]
    public void IsZeroEmployment_AgeBounds_15NotInLabourForce16And60Count()
    {
        Assert.False(new Household("H", "X", [M("a", 15, false)], AsOf).IsZeroEmployment(AsOf));
        Assert.True(new Household("H", "X", [M("a", 16, false)], AsOf).IsZeroEmployment(AsOf));
        Assert.True(new Household("H", "X", [M("a", 60, false)], AsOf).IsZeroEmployment(AsOf));
    }

    [Fact]
    public void ZeroEmploymentHouseholdsOverdue_ExactlyOneMonth_False_OneDayMore_True()
    {
        DateOnly?[] since = [new DateOnly(2025, 1, 31), null];
        Assert.Equal(0, EmploymentIndicators.ZeroEmploymentHouseholdsOverdue(since, new DateOnly(2025, 2, 28)));
        Assert.Equal(1, EmploymentIndicators.ZeroEmploymentHouseholdsOverdue(since, new DateOnly(2025, 3, 1)));
        Assert.Equal(1, EmploymentIndicators.ZeroEmploymentHouseholds(since));
    }
}
