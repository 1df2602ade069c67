using JobHome.Domain.Geography;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Domain.Posts;
using JobHome.Domain.Work;

namespace JobHome.Domain.Tests.Posts;

public sealed class PostTests
{
    private static Post Valid() => new()
    {
        Id = "P1",
        EmployerId = "E1",
        Title = "焊工",
        Occupation = OccupationCode.Parse("6-18-02-04"),
        Openings = 3,
        PayMin = 4500,
        PayMax = 6000,
        Location = new GeoPoint(25.4, 114.9),
        Kind = WorkKind.FullTime,
        MinEducation = EducationLevel.Junior,
        AgeMin = 18,
        AgeMax = 50,
    };

    [Fact]
    public void Validate_ValidPost_NoErrors() => Assert.True(Valid().Validate().IsValid);

    [Fact]
    public void Validate_ManyBadFields_ReportsEveryOne()
    {
        var post = Valid() with { Openings = 0, PayMin = 5000, PayMax = 4000, Kind = WorkKind.FullTime | WorkKind.Gig, AgeMin = 40, AgeMax = 30, Occupation = default };
        var fields = post.Validate().Errors.Select(e => e.Field).ToList();
        Assert.Equal(["occupation", "openings", "pay_max", "kind", "age_max"], fields);
    }

    [Theory]
    [InlineData(16, 120, true)]
    [InlineData(15, null, false)]
    [InlineData(null, 121, false)]
    public void Validate_AgeLimits_Between16And120(int? ageMin, int? ageMax, bool valid)
    {
        var result = (Valid() with { AgeMin = ageMin, AgeMax = ageMax }).Validate();

        Assert.Equal(valid, result.IsValid);
        Assert.All(result.Errors, e => Assert.Equal(WorkingAge.Rule, e.Rule));
    }

    [Fact]
    public void Validate_AgeBelow16_Rejected()
    {
        var errors = (Valid() with { AgeMin = 15 }).Validate().Errors;
        Assert.Equal("age_min", Assert.Single(errors).Field);
    }

    [Fact]
    public void Finish_Placement_EndsOnceAndNotBeforeStart()
    {
        var p = new Placement("PL1", "S1", "P1", new DateOnly(2025, 1, 1));
        Assert.True(p.IsActiveOn(new DateOnly(2025, 2, 1)));
        var (ended, ok) = p.Finish(new DateOnly(2025, 3, 1), PlacementEndReason.Resigned);
        Assert.True(ok.IsValid);
        Assert.False(ended!.IsActiveOn(new DateOnly(2025, 3, 1)));
        Assert.False(ended.Finish(new DateOnly(2025, 4, 1), PlacementEndReason.Other).Result.IsValid);
        Assert.False(p.Finish(new DateOnly(2024, 12, 31), PlacementEndReason.Other).Result.IsValid);
    }
}
