using JobHome.Matching.Scoring;
using JobHome.Ranking.Linear;

namespace JobHome.Ranking.Tests.Linear;

public sealed class LinearStageTrainerTests
{
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
        var model = LinearStageTrainer.Train(Synthetic(driver, 4000, seed: 17 + driver), l2: 1.0);
        var weights = model.Weights.ToArray();
        Assert.Equal(driver, Array.IndexOf(weights, weights.Max()));
        Assert.Equal(1.0, weights.Sum(), 9);
        Assert.All(weights, w => Assert.True(w >= 0));
        Assert.InRange(model.Coefficients![driver], 4.5, 7.5);
        Assert.True(weights[(driver + 1) % 5] > weights[(driver + 2) % 5]);
        Assert.Equal(4000, model.TrainedOn);
    }

    [Fact]
    public void Train_SameData_SameModel()
    {
        var data = Synthetic(2, 1500);
        Assert.Equal(LinearStageTrainer.Train(data).ToJson(), LinearStageTrainer.Train(data).ToJson());
    }

    [Fact]
    public void Train_StrongPenalty_ShrinksCoefficients()
    {
        var data = Synthetic(1, 2000);
        var loose = LinearStageTrainer.Train(data, 0.01);
        var tight = LinearStageTrainer.Train(data, 1000);
        Assert.True(Math.Abs(tight.Coefficients![1]) < Math.Abs(loose.Coefficients![1]));
    }

    [Fact]
    public void Train_NoExamples_Throws() => Assert.Throws<ArgumentException>(() => LinearStageTrainer.Train([]));

    [Fact]
    public void Train_OneOutcomeOnly_ThrowsNamingRule()
    {
        var data = Synthetic(1, 50).Select(e => e with { Placed = true }).ToList();
        var e = Assert.Throws<ArgumentException>(() => LinearStageTrainer.Train(data));
        Assert.Contains("both outcomes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_OnlyNegativeSignal_NegativeCoefficientsGetZeroWeight()
    {
        var random = new Random(3);
        var data = Enumerable.Range(0, 3000).Select(_ =>
        {
            var v = Enumerable.Range(0, 5).Select(_ => random.NextDouble()).ToArray();
            var placed = random.NextDouble() < 1.0 / (1.0 + Math.Exp(-(1.0 - (3.0 * v[0]) + (2.0 * v[1]))));
            return new TrainingExample(new FactorVector(v[0], v[1], v[2], v[3], v[4]), placed);
        }).ToList();
        var model = LinearStageTrainer.Train(data, 0.1);
        Assert.True(model.Coefficients![0] < 0);
        Assert.Equal(0.0, model.Weight(Factor.Occupation));
        Assert.True(model.Weight(Factor.Skills) > 0.5);
    }
}
