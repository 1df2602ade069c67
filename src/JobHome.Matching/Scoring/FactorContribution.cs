namespace JobHome.Matching.Scoring;

/// <summary>One factor's part in a score: its value, weight × value, and the same in words (e.g. "职业匹配 1.00 ×0.40").</summary>
/// <param name="Factor">Which factor.</param>
/// <param name="Value">Factor value in [0, 1].</param>
/// <param name="Contribution">Weight × value: the factor's share of the score.</param>
/// <param name="Chinese">Chinese text, e.g. <c>职业匹配 1.00 ×0.40</c>.</param>
/// <param name="English">English text, e.g. <c>occupation match 1.00 ×0.40</c>.</param>
public sealed record FactorContribution(Factor Factor, double Value, double Contribution, string Chinese, string English);
