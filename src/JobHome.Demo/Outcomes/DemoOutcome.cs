namespace JobHome.Demo.Outcomes;

/// <summary>One recommended pair of the demo outcomes and what came of it (推荐 → 投递 → 录用).</summary>
/// <param name="SeekerId">Seeker id.</param>
/// <param name="PostId">Post id.</param>
/// <param name="Date">Day the list was shown.</param>
/// <param name="Rank">1-based position in the seeker's list.</param>
/// <param name="Applied">True when the seeker applied.</param>
/// <param name="Placed">True when the employer hired the seeker (implies <paramref name="Applied"/>).</param>
public sealed record DemoOutcome(string SeekerId, string PostId, DateOnly Date, int Rank, bool Applied, bool Placed);
