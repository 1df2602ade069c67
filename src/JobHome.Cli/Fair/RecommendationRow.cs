namespace JobHome.Cli.Fair;

/// <summary>One recommended post for a seeker.</summary>
/// <param name="PostId">Post id as in the input.</param>
/// <param name="Score">Score in [0, 1].</param>
/// <param name="Factors">Top factors, formatted <c>name=value(中文);…</c>.</param>
internal sealed record RecommendationRow(string PostId, double Score, string Factors);
