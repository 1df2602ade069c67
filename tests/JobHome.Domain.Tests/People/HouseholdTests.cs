using JobHome.Domain.Indicators;
using JobHome.Domain.People;

namespace JobHome.Domain.Tests.People;

public sealed class HouseholdTests
{
    private static readonly DateOnly AsOf = new(2025, 3, 1);

    private static HouseholdMember M(string id, int age, bool employed, bool able = true, bool willing = true) =>
        new(id, AsOf.AddYears(-age), able, willing, employed);

    [Fact]
    public void IsZeroEmployment_NoWorkingAgeMemberEmployed_True()
    {
        var h = new Household("H1", "X", [M("a", 30, false), M("b", 70, true)], AsOf);
        Assert.True(h.IsZeroEmployment(AsOf));
    }

    [Fact]
    public void IsZeroEmployment_OneWorkingAgeMemberEmployed_False()
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
    public void IsZeroEmployment_AgeBounds_16And59Count60DoesNot()
    {
        Assert.True(new Household("H", "X", [M("a", 16, false)], AsOf).IsZeroEmployment(AsOf));
        Assert.True(new Household("H", "X", [M("a", 59, false)], AsOf).IsZeroEmployment(AsOf));
        Assert.False(new Household("H", "X", [M("a", 60, false)], AsOf).IsZeroEmployment(AsOf));
    }

    [Fact]
    public void IsZeroEmploymentOlderThanOneMonth_ExactlyOneMonth_False_OneDayMore_True()
    {
        var h = new Household("H", "X", [M("a", 30, false)], new DateOnly(2025, 1, 31));
        Assert.False(h.IsZeroEmploymentOlderThanOneMonth(new DateOnly(2025, 2, 28)));
        Assert.True(h.IsZeroEmploymentOlderThanOneMonth(new DateOnly(2025, 3, 1)));
        Assert.Equal(1, EmploymentIndicators.ZeroEmploymentHouseholdsOlderThanOneMonth([h], new DateOnly(2025, 3, 1)));
        Assert.Equal(0, EmploymentIndicators.ZeroEmploymentHouseholdsOlderThanOneMonth([h], new DateOnly(2025, 2, 28)));
        Assert.Equal(1, EmploymentIndicators.ZeroEmploymentHouseholds([h], new DateOnly(2025, 2, 28)));
    }
}
