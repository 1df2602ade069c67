namespace JobHome.Ranking.Rerank;

/// <summary>One recommended pair with what came of it (the stage layout of outcome files).</summary>
/// <param name="SeekerId">Seeker id.</param>
/// <param name="PostId">Post id.</param>
/// <param name="Date">Day the list was shown.</param>
/// <param name="Rank">1-based position in the list.</param>
/// <param name="Applied">The seeker applied.</param>
/// <param name="Placed">The seeker was hired.</param>
public sealed record StageOutcome(string SeekerId, string PostId, DateOnly Date, int Rank, bool Applied, bool Placed)
{
    /// <summary>Relevance grade for ranking: 2 placed, 1 applied, 0 shown only.</summary>
    public int Grade => Placed ? 2 : Applied ? 1 : 0;
}
