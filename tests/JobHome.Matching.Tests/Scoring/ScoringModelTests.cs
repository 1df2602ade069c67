using JobHome.Matching.Scoring;

namespace JobHome.Matching.Tests.Scoring;

public sealed class ScoringModelTests
{
    [Fact]
    public void Default_Weights_AreDocumentedValues()
    {
        Assert.Equal([0.40, 0.20, 0.15, 0.15, 0.10], ScoringModel.Default.Weights.ToArray());
        Assert.Equal(1.0, ScoringModel.Default.Weights.ToArray().Sum(), 12);
    }

    [Fact]
    public void FromJson_ToJsonOfDefault_RoundTripsExactly()
    {
        var back = ScoringModel.FromJson(ScoringModel.Default.ToJson());
        Assert.Equal(ScoringModel.Default.Weights.ToArray(), back.Weights.ToArray());
        Assert.Null(back.Coefficients);
        Assert.Equal(ScoringModel.Default.ToJson(), back.ToJson());
    }

    [Fact]
    public void FromJson_ToJsonOfTrained_RoundTripsExactly()
    {
        var model = ScoringModel.FromCoefficients([0.3, -0.2, 1.7, 0.01, 2.5], -1.25, 2000);
        var back = ScoringModel.FromJson(model.ToJson());
        Assert.Equal(model.Weights.ToArray(), back.Weights.ToArray());
        Assert.Equal(model.Coefficients, back.Coefficients);
        Assert.Equal(model.Intercept, back.Intercept);
        Assert.Equal(model.TrainedOn, back.TrainedOn);
    }

    [Fact]
    public void FromJson_UnnormalisedWeights_Normalised()
    {
        var model = ScoringModel.FromJson("""{"version":1,"weights":{"occupation":2,"skills":1,"pay":1,"distance":0,"priority":0}}""");
        Assert.Equal([0.5, 0.25, 0.25, 0, 0], model.Weights.ToArray());
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "root must be a JSON object")]
    [InlineData("""{"weights":{}}""", "'version'")]
    [InlineData("""{"version":2}""", "'version'")]
    [InlineData("""{"version":1}""", "'weights' is missing")]
    [InlineData("""{"version":1,"weights":3}""", "'weights' must be an object")]
    [InlineData("""{"version":1,"weights":{"occupation":1,"skills":1,"pay":1,"distance":1}}""", "'weights.priority' is missing")]
    [InlineData("""{"version":1,"weights":{"occupation":"x","skills":1,"pay":1,"distance":1,"priority":1}}""", "'weights.occupation' must be a finite number")]
    [InlineData("""{"version":1,"weights":{"occupation":1,"skills":-1,"pay":1,"distance":1,"priority":1}}""", "'weights.skills' must be ≥ 0")]
    [InlineData("""{"version":1,"weights":{"occupation":0,"skills":0,"pay":0,"distance":0,"priority":0}}""", "at least one positive weight")]
    [InlineData("""{"version":1,"weights":{"occupation":1,"skills":1,"pay":1,"distance":1,"priority":1},"intercept":"a"}""", "'intercept'")]
    [InlineData("""{"version":1,"weights":{"occupation":1,"skills":1,"pay":1,"distance":1,"priority":1},"coefficients":{"pay":1}}""", "'coefficients.occupation' is missing")]
    [InlineData("""{"version":1,"weights":{"occupation":1,"skills":1,"pay":1,"distance":1,"priority":1},"trainedOn":-3}""", "'trainedOn'")]
    public void FromJson_BadInput_ThrowsFormatExceptionNamingField(string json, string expected)
    {
        var e = Assert.Throws<FormatException>(() => ScoringModel.FromJson(json));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCoefficients_NegativeCoefficient_ProjectedToZeroWeight()
    {
        var model = ScoringModel.FromCoefficients([2.0, -1.0, 1.0, 1.0, 0.0], -0.5, 10);
        Assert.Equal([0.5, 0, 0.25, 0.25, 0], model.Weights.ToArray());
        Assert.Equal([2.0, -1.0, 1.0, 1.0, 0.0], model.Coefficients);
        Assert.Equal(-0.5, model.Intercept);
        Assert.Equal(10, model.TrainedOn);
    }

    [Fact]
    public void FromCoefficients_NoPositiveCoefficient_FallsBackToDefaultWeights()
    {
        var model = ScoringModel.FromCoefficients([-2.0, -1.0, 0.0, -1.0, 0.0], 1.0, 10);
        Assert.Equal(ScoringModel.Default.Weights.ToArray(), model.Weights.ToArray());
    }

    [Fact]
    public void FromCoefficients_WrongCount_ThrowsNamingRule()
    {
        var e = Assert.Throws<ArgumentException>(() => ScoringModel.FromCoefficients([1.0, 2.0], 0, 1));
        Assert.Contains("5 values", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCoefficients_NaN_ThrowsNamingFactor()
    {
        var e = Assert.Throws<ArgumentException>(() => ScoringModel.FromCoefficients([1.0, double.NaN, 1, 1, 1], 0, 1));
        Assert.Contains("'skills'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FactorsOfPair_FullOccupationMatch_OccupationIsOne()
    {
        var options = new MatchOptions(new DateOnly(2026, 6, 15));
        var example = new TrainingExample(Scorer.Factors(EligibilityTests.Seeker(), EligibilityTests.Post(), options), true);
        Assert.Equal(1.0, example.Factors.Occupation);
    }
}
