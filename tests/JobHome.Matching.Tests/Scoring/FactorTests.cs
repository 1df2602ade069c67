using JobHome.Domain.Geography;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Tests.Scoring;

public sealed class FactorTests
{
    private static readonly MatchOptions Options = new(new DateOnly(2026, 6, 15));

    [Theory]
    [InlineData("4-01-02-03", "4-01-02-03", 1.0)]
    [InlineData("4-01-02-04", "4-01-02-03", 0.75)]
    [InlineData("4-01-03-01", "4-01-02-03", 0.5)]
    [InlineData("4-02-01-01", "4-01-02-03", 0.25)]
    [InlineData("6-01-01-01", "4-01-02-03", 0.0)]
    [InlineData("4-01", "4-01-02-03", 0.5)]
    public void Occupation_SharedDepth_MapsToDocumentedValues(string intention, string post, double expected) =>
        Assert.Equal(expected, FactorCurves.Occupation(OccupationCode.Parse(post), [OccupationCode.Parse(intention)]));

    [Fact]
    public void Occupation_SeveralIntentions_TakesBest() =>
        Assert.Equal(0.75, FactorCurves.Occupation(
            OccupationCode.Parse("4-01-02-03"),
            [OccupationCode.Parse("6-01-01-01"), OccupationCode.Parse("4-01-02-09"), OccupationCode.Parse("4-02-01-01")]));

    [Fact]
    public void Occupation_NoIntentions_Zero() => Assert.Equal(0.0, FactorCurves.Occupation(OccupationCode.Parse("4-01-02-03"), []));

    [Fact]
    public void Factors_SkillsCaseInsensitiveAndDistinct_FractionOfRequired()
    {
        var seeker = EligibilityTests.Seeker() with { Skills = ["Forklift", "welding"] };
        var post = EligibilityTests.Post() with { Skills = ["forklift", "FORKLIFT", "electrician"] };
        Assert.Equal(0.5, Scorer.Factors(seeker, post, Options).Skills);
        Assert.Equal(1.0, Scorer.Factors(seeker, post with { Skills = [] }, Options).Skills);
        Assert.Equal(0.0, Scorer.Factors(seeker with { Skills = [] }, post, Options).Skills);
    }

    [Theory]
    [InlineData(0, 3000, 4000, 1.0)]
    [InlineData(3000, 3000, 4000, 1.0)]
    [InlineData(3500, 3000, 4000, 0.75)]
    [InlineData(4000, 3000, 4000, 0.5)]
    [InlineData(5000, 3000, 4000, 0.25)]
    [InlineData(6000, 3000, 4000, 0.0)]
    [InlineData(9000, 3000, 4000, 0.0)]
    [InlineData(3000, 3000, 3000, 1.0)]
    [InlineData(3750, 3000, 3000, 0.25)]
    [InlineData(100, 0, 0, 0.0)]
    public void Pay_ExpectedAgainstRange_FollowsDocumentedCurve(double expected, double min, double max, double value) =>
        Assert.Equal(value, FactorCurves.Pay(expected, min, max), 12);

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(7.5, 0.5)]
    [InlineData(15.0, 0.0)]
    [InlineData(20.0, 0.0)]
    public void Distance_LinearDecay_OneAtDoorZeroAtLimit(double km, double expected) =>
        Assert.Equal(expected, FactorCurves.Distance(km, 15), 12);

    [Theory]
    [InlineData(KeyGroups.None, 0.0)]
    [InlineData(KeyGroups.Graduate, 0.5)]
    [InlineData(KeyGroups.Veteran | KeyGroups.Migrant, 0.5)]
    [InlineData(KeyGroups.HardToEmploy, 1.0)]
    [InlineData(KeyGroups.ZeroEmploymentHousehold | KeyGroups.Graduate, 1.0)]
    public void Priority_DefaultOptions_FullForPriorityGroupsHalfForOthers(KeyGroups groups, double expected) =>
        Assert.Equal(expected, FactorCurves.Priority(groups, Options.PriorityGroups, Options.OtherKeyGroupPriority));

    [Fact]
    public void Priority_ConfiguredGroups_Used()
    {
        var options = Options with { PriorityGroups = KeyGroups.Veteran, OtherKeyGroupPriority = 0.2 };
        var seeker = EligibilityTests.Seeker() with { KeyGroups = KeyGroups.Veteran };
        Assert.Equal(1.0, Scorer.Factors(seeker, EligibilityTests.Post(), options).Priority);
        Assert.Equal(0.2, Scorer.Factors(seeker with { KeyGroups = KeyGroups.Disabled }, EligibilityTests.Post(), options).Priority);
    }

    [Fact]
    public void Score_PerfectPair_IsOne()
    {
        var seeker = EligibilityTests.Seeker() with { KeyGroups = KeyGroups.Disabled };
        var scorer = new Scorer(ScoringModel.Default, Options);
        Assert.True(scorer.TryScore(seeker, EligibilityTests.Post(), out var score));
        Assert.Equal(1.0, score, 12);
    }

    [Fact]
    public void Score_RandomPairs_WithinZeroAndOne()
    {
        var data = new TestData(11);
        var (seekers, posts) = data.Make(80, 80);
        foreach (var model in new[] { ScoringModel.Default, ScoringModel.FromWeights(1, 0, 0, 0, 0), ScoringModel.FromWeights(0.3, 0.3, 0.3, 0.3, 0.3) })
        {
            var scorer = new Scorer(model, new MatchOptions(TestData.AsOf, MaxKm: 1000));
            foreach (var s in seekers)
            {
                foreach (var p in posts)
                {
                    var f = Scorer.Factors(s, p, scorer.Options);
                    foreach (var factor in Enum.GetValues<Factor>())
                    {
                        Assert.InRange(f[factor], 0.0, 1.0);
                    }
                    var score = model.Score(f);
                    Assert.InRange(score, 0.0, 1.0);
                }
            }
        }
    }

    [Fact]
    public void Explain_Pair_GivesAllFactorsLargestFirstInChineseAndEnglish()
    {
        var scorer = new Scorer(ScoringModel.Default, Options);
        var post = EligibilityTests.Post() with { Location = new GeoPoint(25.83 + (7.5 / GeoPoint.EarthRadiusKm * 180 / Math.PI), 114.93) };
        var explanation = scorer.Explain(EligibilityTests.Seeker(), post);
        Assert.Equal(5, explanation.Count);
        Assert.Equal(Factor.Occupation, explanation[0].Factor);
        Assert.Equal("职业匹配 1.00 ×0.40", explanation[0].Chinese);
        Assert.Equal("occupation match 1.00 ×0.40", explanation[0].English);
        Assert.Equal(0.4, explanation[0].Contribution, 12);
        Assert.Equal(Factor.Priority, explanation[^1].Factor);
        Assert.Equal("重点群体优先 0.00 ×0.10", explanation[^1].Chinese);
        for (var i = 1; i < explanation.Count; i++)
        {
            Assert.True(explanation[i - 1].Contribution >= explanation[i].Contribution);
        }
        Assert.True(scorer.TryScore(EligibilityTests.Seeker(), post, out var score));
        Assert.Equal(score, explanation.Sum(e => e.Contribution), 12);
    }
}
