namespace JobHome.Matching.Scoring;

/// <summary>The five factor values of a pair, each in [0, 1].</summary>
/// <param name="Occupation">Occupation similarity.</param>
/// <param name="Skills">Fraction of required skills covered.</param>
/// <param name="Pay">Pay fit.</param>
/// <param name="Distance">Distance decay.</param>
/// <param name="Priority">Key-group priority.</param>
public readonly record struct FactorVector(double Occupation, double Skills, double Pay, double Distance, double Priority)
{
    /// <summary>Number of factors.</summary>
    public const int Count = 5;

    /// <summary>The value of one factor.</summary>
    public double this[Factor factor] => factor switch
    {
        Factor.Occupation => Occupation,
        Factor.Skills => Skills,
        Factor.Pay => Pay,
        Factor.Distance => Distance,
        Factor.Priority => Priority,
        _ => throw new ArgumentOutOfRangeException(nameof(factor), factor, "unknown factor"),
    };
}
