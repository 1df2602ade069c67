using JobHome.Domain.People;

namespace JobHome.Domain.Tests.People;

/// <summary>The one age rule (<see cref="WorkingAge"/>) as seekers and households apply it (posts: PostTests).</summary>
public sealed class WorkingAgeTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 1);

    private static Seeker SeekerBorn(DateOnly birth) => MaskingTests.NewSeeker() with { IdCard = null, BirthDate = birth };

    [Theory]
    [InlineData("2010-11-01", true)]
    [InlineData("2010-11-02", false)]
    [InlineData("1906-11-01", true)]
    [InlineData("1905-11-01", false)]
    [InlineData("2027-01-01", false)]
    public void SeekerValidate_BirthDate_AgeBetween16And120(string birth, bool valid)
    {
        var result = SeekerBorn(DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture)).Validate(AsOf);

        Assert.Equal(valid, result.IsValid);
        if (!valid)
        {
            var error = Assert.Single(result.Errors);
            Assert.Equal("birth_date", error.Field);
            Assert.Equal(WorkingAge.Rule, error.Rule);
        }
    }

    [Fact]
    public void HouseholdLabourForce_Member15_NotCounted()
    {
        var household = new Household("H1", "360722101", [new HouseholdMember("S1", new DateOnly(2010, 11, 2), true, true, false)], AsOf);

        Assert.Empty(household.LabourForce(AsOf));
        Assert.False(household.IsZeroEmployment(AsOf));
    }
}
