using JobHome.Matching.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace JobHome.Ranking.Linear;

/// <summary>Fits the linear stage: L2-regularised logistic regression on ML.NET (L-BFGS), projected onto non-negative weights.</summary>
/// <remarks>
/// ML.NET's linear trainers cannot constrain the sign of a coefficient, so the fit is unconstrained and
/// <see cref="ScoringModel.FromCoefficients"/> keeps max(βᵢ, 0) normalised to sum 1: the score stays monotone in every
/// factor and exact top-k with score bounds still holds. Single-threaded with a fixed seed, so a fit is reproducible.
/// </remarks>
public static class LinearStageTrainer
{
    /// <summary>Fits a model to <paramref name="examples"/> with L2 strength <paramref name="l2"/> (ML.NET's L2Regularization).</summary>
    public static ScoringModel Train(IReadOnlyList<TrainingExample> examples, double l2 = 1.0)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0)
        {
            throw new ArgumentException("no training examples", nameof(examples));
        }
        if (!double.IsFinite(l2) || l2 < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(l2), l2, "must be a finite number ≥ 0");
        }
        if (examples.All(e => e.Placed) || examples.All(e => !e.Placed))
        {
            throw new ArgumentException("examples need both outcomes, placed and not placed", nameof(examples));
        }
        var ml = new MLContext(seed: 1);
        var rows = examples.Select(e => new Row
        {
            Label = e.Placed,
            Features =
            [
                (float)e.Factors.Occupation, (float)e.Factors.Skills, (float)e.Factors.Pay,
                (float)e.Factors.Distance, (float)e.Factors.Priority,
            ],
        });
        var data = ml.Data.LoadFromEnumerable(rows);
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(Row.Label),
            FeatureColumnName = nameof(Row.Features),
            L1Regularization = 0f,
            L2Regularization = (float)l2,
            OptimizationTolerance = 1e-8f,
            NumberOfThreads = 1,
        });
        var fitted = trainer.Fit(data);
        var linear = fitted.Model.SubModel;
        var weights = linear.Weights;
        var coefficients = new double[FactorVector.Count];
        for (var i = 0; i < coefficients.Length; i++)
        {
            coefficients[i] = weights[i];
        }
        return ScoringModel.FromCoefficients(coefficients, linear.Bias, examples.Count);
    }

    private sealed class Row
    {
        public bool Label { get; set; }

        [VectorType(FactorVector.Count)]
        public float[] Features { get; set; } = [];
    }
}
