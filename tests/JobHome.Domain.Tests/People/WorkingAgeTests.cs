using JobHome.Domain.Geography;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Domain.Posts;
using JobHome.Domain.Work;

namespace JobHome.Domain.Tests.People;

/// <summary>The one age rule (<see cref="WorkingAge"/>) as seekers and posts apply it.</summary>
public sealed class WorkingAgeTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 1);

    private static Seeker SeekerBorn(DateOnly birth) => new()
    {
        Id = "S1",
        Name = "张三",
        BirthDate = birth,
        Gender = Gender.Female,
        Education = EducationLevel.Junior,
        Location = new GeoPoint(25.39, 114.92),
    };

    private static Post PostWithAges(int? ageMin, int? ageMax) => new()
    {
        Id = "P1",
        EmployerId = "E1",
        Title = "保洁员",
        Occupation = OccupationCode.Parse("4-09"),
        Openings = 1,
        PayMin = 2000,
        PayMax = 2500,
        Location = new GeoPoint(25.39, 114.92),
        Kind = WorkKind.FullTime,
        AgeMin = ageMin,
        AgeMax = ageMax,
    };

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

    [Theory]
    [InlineData(16, 120, true)]
    [InlineData(15, null, false)]
    [InlineData(null, 121, false)]
    public void PostValidate_AgeLimits_Between16And120(int? ageMin, int? ageMax, bool valid)
    {
        var result = PostWithAges(ageMin, ageMax).Validate();

        Assert.Equal(valid, result.IsValid);
        Assert.All(result.Errors, e => Assert.Equal(WorkingAge.Rule, e.Rule));
    }

    [Fact]
    public void HouseholdLabourForce_Member15_NotCounted()
    {
        var household = new Household("H1", "360722101", [new HouseholdMember("S1", new DateOnly(2010, 11, 2), true, true, false)], AsOf);

        Assert.Empty(household.LabourForce(AsOf));
        Assert.False(household.IsZeroEmployment(AsOf));
    }
}
