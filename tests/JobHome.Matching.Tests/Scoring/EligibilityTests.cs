using JobHome.Domain.Geography;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Domain.Work;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Tests.Scoring;

public sealed class EligibilityTests
{
    private static readonly DateOnly AsOf = new(2026, 6, 15);
    private static readonly GeoPoint Home = new(25.83, 114.93);

    internal static MatchSeeker Seeker(DateOnly? birth = null) => new(
        "s1", birth ?? new DateOnly(1990, 6, 15), Gender.Female, EducationLevel.Senior,
        [OccupationCode.Parse("4-01-02-03")], ["forklift"], 3000m, Home, true, WorkKind.FullTime | WorkKind.Gig, KeyGroups.None);

    internal static MatchPost Post() => new(
        "p1", "e1", "仓管员", OccupationCode.Parse("4-01-02-03"), 2, 3000m, 4000m, Home, WorkKind.FullTime,
        EducationLevel.Junior, null, null, ["forklift"]);

    private static Ineligibility Check(MatchSeeker s, MatchPost p, MatchOptions? o = null) =>
        Scorer.CheckEligibility(s, p, o ?? new MatchOptions(AsOf));

    [Fact]
    public void CheckEligibility_BaseCase_Eligible() => Assert.Equal(Ineligibility.None, Check(Seeker(), Post()));

    [Theory]
    [InlineData(0, Ineligibility.NoOpenings)]
    [InlineData(-1, Ineligibility.NoOpenings)]
    [InlineData(1, Ineligibility.None)]
    public void CheckEligibility_Openings_NeedsAtLeastOne(int openings, Ineligibility expected) =>
        Assert.Equal(expected, Check(Seeker(), Post() with { Openings = openings }));

    [Theory]
    [InlineData("2008-06-15", 18)]
    [InlineData("2008-06-16", 17)]
    [InlineData("2008-06-14", 18)]
    public void AgeYears_AroundBirthday_CountsWholeYears(string birth, int expected) =>
        Assert.Equal(expected, FactorCurves.AgeYears(DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture), AsOf));

    [Theory]
    [InlineData("2025-02-28", 0)]
    [InlineData("2025-03-01", 1)]
    [InlineData("2028-02-28", 3)]
    [InlineData("2028-02-29", 4)]
    public void AgeYears_BornOnFebruary29_BirthdayIsMarch1InCommonYears(string asOf, int expected) =>
        Assert.Equal(expected, FactorCurves.AgeYears(new DateOnly(2024, 2, 29), DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void CheckEligibility_MinimumAgeReachedOnBirthday_Eligible()
    {
        var post = Post() with { AgeMin = 18 };
        Assert.Equal(Ineligibility.None, Check(Seeker(new DateOnly(2008, 6, 15)), post));
        Assert.Equal(Ineligibility.TooYoung, Check(Seeker(new DateOnly(2008, 6, 16)), post));
    }

    [Fact]
    public void CheckEligibility_MaximumAgeInclusive_IneligibleFromNextBirthday()
    {
        var post = Post() with { AgeMax = 45 };
        Assert.Equal(Ineligibility.None, Check(Seeker(new DateOnly(1980, 6, 16)), post)); // 45, turns 46 tomorrow
        Assert.Equal(Ineligibility.TooOld, Check(Seeker(new DateOnly(1980, 6, 15)), post)); // 46 today
    }

    [Fact]
    public void CheckEligibility_NoAgeLimits_AnyAgeEligible()
    {
        Assert.Equal(Ineligibility.None, Check(Seeker(new DateOnly(1940, 1, 1)), Post()));
        Assert.Equal(Ineligibility.None, Check(Seeker(new DateOnly(2012, 1, 1)), Post()));
    }

    [Fact]
    public void CheckEligibility_FebruaryTwentyNinthBirthdayInCommonYear_AgeCountsFromMarch1()
    {
        var post = Post() with { AgeMin = 18 };
        var seeker = Seeker(new DateOnly(2008, 2, 29));
        Assert.Equal(Ineligibility.TooYoung, Check(seeker, post, new MatchOptions(new DateOnly(2026, 2, 28))));
        Assert.Equal(Ineligibility.None, Check(seeker, post, new MatchOptions(new DateOnly(2026, 3, 1))));
    }

    [Theory]
    [InlineData(EducationLevel.Junior, EducationLevel.Senior, Ineligibility.Education)]
    [InlineData(EducationLevel.Senior, EducationLevel.Senior, Ineligibility.None)]
    [InlineData(EducationLevel.Vocational, EducationLevel.Senior, Ineligibility.None)]
    [InlineData(EducationLevel.Senior, EducationLevel.Vocational, Ineligibility.None)]
    [InlineData(EducationLevel.Vocational, EducationLevel.College, Ineligibility.Education)]
    [InlineData(EducationLevel.Doctor, EducationLevel.Bachelor, Ineligibility.None)]
    [InlineData(EducationLevel.None, EducationLevel.None, Ineligibility.None)]
    [InlineData(EducationLevel.Bachelor, EducationLevel.Master, Ineligibility.Education)]
    public void CheckEligibility_Education_MeetsOrderWithSeniorEqualVocational(EducationLevel has, EducationLevel min, Ineligibility expected) =>
        Assert.Equal(expected, Check(Seeker() with { Education = has }, Post() with { MinEducation = min }));

    [Theory]
    [InlineData(WorkKind.FullTime, WorkKind.FullTime, Ineligibility.None)]
    [InlineData(WorkKind.PartTime, WorkKind.PartTime, Ineligibility.None)]
    [InlineData(WorkKind.Gig, WorkKind.Gig, Ineligibility.None)]
    [InlineData(WorkKind.FullTime | WorkKind.Gig, WorkKind.PartTime, Ineligibility.Kind)]
    [InlineData(WorkKind.PartTime, WorkKind.FullTime, Ineligibility.Kind)]
    [InlineData(WorkKind.FullTime | WorkKind.PartTime | WorkKind.Gig, WorkKind.PublicWelfare, Ineligibility.Kind)]
    [InlineData(WorkKind.None, WorkKind.FullTime, Ineligibility.Kind)]
    public void CheckEligibility_Kind_AvailabilityMustIncludePostKind(WorkKind availability, WorkKind kind, Ineligibility expected) =>
        Assert.Equal(expected, Check(Seeker() with { Availability = availability, KeyGroups = KeyGroups.Disabled }, Post() with { Kind = kind }));

    [Theory]
    [InlineData(KeyGroups.HardToEmploy, true)]
    [InlineData(KeyGroups.ZeroEmploymentHousehold, true)]
    [InlineData(KeyGroups.PovertyAlleviated, true)]
    [InlineData(KeyGroups.Disabled, true)]
    [InlineData(KeyGroups.LowIncome, true)]
    [InlineData(KeyGroups.None, false)]
    [InlineData(KeyGroups.Unemployed, false)]
    [InlineData(KeyGroups.Graduate, false)]
    [InlineData(KeyGroups.Veteran, false)]
    [InlineData(KeyGroups.Migrant, false)]
    [InlineData(KeyGroups.Youth16To24, false)]
    [InlineData(KeyGroups.Unemployed | KeyGroups.LowIncome, true)]
    public void CheckEligibility_PublicWelfarePost_NeedsAnEligibleKeyGroup(KeyGroups groups, bool eligible)
    {
        var seeker = Seeker() with { Availability = WorkKind.PublicWelfare, KeyGroups = groups };
        Assert.Equal(eligible ? Ineligibility.None : Ineligibility.PublicWelfareGroup, Check(seeker, Post() with { Kind = WorkKind.PublicWelfare }));
        // Market posts ignore key groups.
        Assert.Equal(Ineligibility.None, Check(seeker with { Availability = WorkKind.FullTime }, Post()));
    }

    private static GeoPoint North(double km) => new(Home.Lat + (km / GeoPoint.EarthRadiusKm * 180 / Math.PI), Home.Lon);

    [Theory]
    [InlineData(14.999, Ineligibility.None)]
    [InlineData(15.001, Ineligibility.TooFar)]
    [InlineData(0.0, Ineligibility.None)]
    public void CheckEligibility_DistanceAroundDefaultLimit_InclusiveAt15Km(double km, Ineligibility expected) =>
        Assert.Equal(expected, Check(Seeker(), Post() with { Location = North(km) }));

    [Fact]
    public void CheckEligibility_UrbanRadiusOption_AppliesOnlyToUrbanSeekers()
    {
        var options = new MatchOptions(AsOf, UrbanMaxKm: 5);
        var post = Post() with { Location = North(8) };
        Assert.Equal(Ineligibility.None, Check(Seeker() with { Rural = true }, post, options));
        Assert.Equal(Ineligibility.TooFar, Check(Seeker() with { Rural = false }, post, options));
        Assert.Equal(Ineligibility.None, Check(Seeker() with { Rural = false }, Post() with { Location = North(4.99) }, options));
        // Default: urban and rural share 15 km.
        Assert.Equal(Ineligibility.None, Check(Seeker() with { Rural = false }, post));
    }

    [Fact]
    public void CheckEligibility_ConfiguredMaxKm_UsedAsLimit()
    {
        var post = Post() with { Location = North(20) };
        Assert.Equal(Ineligibility.TooFar, Check(Seeker(), post));
        Assert.Equal(Ineligibility.None, Check(Seeker(), post, new MatchOptions(AsOf, MaxKm: 20.01)));
    }

    [Fact]
    public void TryScore_EncodedAndRecordPaths_AgreeOnEligibilityAndScore()
    {
        var data = new TestData(7);
        var (seekers, posts) = data.Make(60, 60);
        var scorer = new Scorer(ScoringModel.Default, new MatchOptions(TestData.AsOf));
        var vocabulary = new SkillVocabulary();
        foreach (var s in seekers)
        {
            var sf = new SeekerFeatures(s, vocabulary);
            foreach (var p in posts)
            {
                var pf = new PostFeatures(p, vocabulary);
                Assert.Equal(scorer.TryScore(s, p, out var a), scorer.TryScore(sf, pf, out var b));
                Assert.Equal(a, b);
            }
        }
    }
}
