using System.Globalization;

namespace JobHome.Matching.Scoring;

/// <summary>
/// One factor's part in a score: its value, weight × value, and the weight; the words (e.g. "职业匹配 1.00 ×0.40") are made
/// from those numbers when read (<see cref="Chinese"/>, <see cref="English"/>), so scoring and list recomputes carry numbers
/// only.
/// </summary>
/// <param name="Factor">Which factor.</param>
/// <param name="Value">Factor value in [0, 1].</param>
/// <param name="Contribution">Weight × value: the factor's share of the score.</param>
/// <param name="Weight">The model's weight of the factor (the words show it).</param>
public sealed record FactorContribution(Factor Factor, double Value, double Contribution, double Weight)
{
    /// <summary>Chinese text, e.g. <c>职业匹配 1.00 ×0.40</c> (made on each read).</summary>
    public string Chinese => ChineseText(Factor, Value, Weight);

    /// <summary>English text, e.g. <c>occupation match 1.00 ×0.40</c> (made on each read).</summary>
    public string English => EnglishText(Factor, Value, Weight);

    /// <summary>The Chinese words of a factor's value under a weight: name, value and weight to two decimals.</summary>
    public static string ChineseText(Factor factor, double value, double weight) =>
        string.Create(CultureInfo.InvariantCulture, $"{FactorNames.Chinese(factor)} {value:0.00} ×{weight:0.00}");

    /// <summary>The English words of a factor's value under a weight: name, value and weight to two decimals.</summary>
    public static string EnglishText(Factor factor, double value, double weight) =>
        string.Create(CultureInfo.InvariantCulture, $"{FactorNames.English(factor)} {value:0.00} ×{weight:0.00}");
}
