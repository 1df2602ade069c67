namespace JobHome.Matching.Ranking;

/// <summary>What the re-ranker knows beyond the two records: the post's freshness and popularity, the seeker's history.</summary>
/// <param name="PostAgeDays">Days since the post was first shown.</param>
/// <param name="PostPopularity">Times the post was shown before.</param>
/// <param name="SeekerApplications">The seeker's applications before.</param>
public readonly record struct RerankContext(float PostAgeDays, float PostPopularity, float SeekerApplications);
