namespace JobHome.Matching.Ranking;

/// <summary>One feature's part in a re-ranked post's place, in words.</summary>
/// <param name="Feature">The feature.</param>
/// <param name="Value">Its value for the pair.</param>
/// <param name="Contribution">Score change against the baseline value (see <see cref="TreeEnsemble.Contributions"/>).</param>
/// <param name="Chinese">E.g. <c>通勤距离 3.2</c>.</param>
/// <param name="English">E.g. <c>commute distance 3.2</c>.</param>
public sealed record RerankReason(RerankFeature Feature, float Value, double Contribution, string Chinese, string English);
