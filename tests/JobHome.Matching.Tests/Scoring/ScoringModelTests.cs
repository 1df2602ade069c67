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
        var model = ScoringModel.Train(Synthetic(3, 2000), 0.5);
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

    // Placement depends on one driving factor (index 'driver') plus noise; the others are irrelevant.
    private static List<TrainingExample> Synthetic(int driver, int n, int seed = 5)
    {
        var random = new Random(seed);
        var list = new List<TrainingExample>();
        for (var i = 0; i < n; i++)
        {
            var v = Enumerable.Range(0, 5).Select(_ => random.NextDouble()).ToArray();
            var logit = -3.0 + (6.0 * v[driver]) + (0.8 * v[(driver + 1) % 5]);
            var placed = random.NextDouble() < 1.0 / (1.0 + Math.Exp(-logit));
            list.Add(new TrainingExample(new FactorVector(v[0], v[1], v[2], v[3], v[4]), placed));
        }
        return list;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    public void Train_OneFactorDrivesPlacement_ThatFactorGetsLargestWeight(int driver)
    {
        var model = ScoringModel.Train(Synthetic(driver, 4000, seed: 17 + driver), l2: 1.0);
        var weights = model.Weights.ToArray();
        Assert.Equal(driver, Array.IndexOf(weights, weights.Max()));
        Assert.Equal(1.0, weights.Sum(), 9);
        Assert.All(weights, w => Assert.True(w >= 0));
        Assert.InRange(model.Coefficients![driver], 4.5, 7.5);
        Assert.True(weights[(driver + 1) % 5] > weights[(driver + 2) % 5]);
        Assert.Equal(4000, model.TrainedOn);
    }

    [Fact]
    public void Train_StrongPenalty_ShrinksCoefficients()
    {
        var data = Synthetic(1, 2000);
        var loose = ScoringModel.Train(data, 0.01);
        var tight = ScoringModel.Train(data, 1000);
        Assert.True(Math.Abs(tight.Coefficients![1]) < Math.Abs(loose.Coefficients![1]));
    }

    [Fact]
    public void Train_FactorsFromPairs_BuildExamples()
    {
        var options = new MatchOptions(new DateOnly(2026, 6, 15));
        var example = new TrainingExample(Scorer.Factors(EligibilityTests.Seeker(), EligibilityTests.Post(), options), true);
        Assert.Equal(1.0, example.Factors.Occupation);
    }

    [Fact]
    public void Train_NoExamples_Throws() => Assert.Throws<ArgumentException>(() => ScoringModel.Train([]));

    [Fact]
    public void Train_OnlyNegativeSignal_FallsBackToDefaultWeights()
    {
        var random = new Random(3);
        var data = Enumerable.Range(0, 1000).Select(_ =>
        {
            var v = Enumerable.Range(0, 5).Select(_ => random.NextDouble()).ToArray();
            var placed = random.NextDouble() < 1.0 / (1.0 + Math.Exp(-(2.0 - (4.0 * v.Sum() / 5))));
            return new TrainingExample(new FactorVector(v[0], v[1], v[2], v[3], v[4]), placed);
        }).ToList();
        var model = ScoringModel.Train(data, 0.1);
        if (model.Coefficients!.All(c => c <= 0))
        {
            Assert.Equal(ScoringModel.Default.Weights.ToArray(), model.Weights.ToArray());
        }
    }
}
