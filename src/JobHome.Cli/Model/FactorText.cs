using JobHome.Matching.Scoring;

namespace JobHome.Cli.Model;

/// <summary>File tokens and Chinese names of the score factors, as used in CSV and model files (from <see cref="FactorNames"/>).</summary>
internal static class FactorText
{
    /// <summary>The lower-case token (<c>occupation</c>, <c>skills</c>, <c>pay</c>, <c>distance</c>, <c>priority</c>).</summary>
    public static string Token(Factor factor) => FactorNames.Token(factor);

    /// <summary>The Chinese name.</summary>
    public static string ChineseName(Factor factor) => FactorNames.Chinese(factor);
}
