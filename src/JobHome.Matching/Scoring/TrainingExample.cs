namespace JobHome.Matching.Scoring;

/// <summary>An outcome to learn from: a recommended pair's factors and whether it ended in a placement.</summary>
/// <param name="Factors">The pair's factors (see <see cref="Scorer.Factors"/>).</param>
/// <param name="Placed">True when placed, false when recommended but not placed.</param>
public readonly record struct TrainingExample(FactorVector Factors, bool Placed);
